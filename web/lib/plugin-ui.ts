import { TRPCError } from '@trpc/server';
import type { AppAbility } from '../../core/access';
import type { Runtime } from '../../core/runtime';
import { localized, type UiLang } from '../i18n';
import type { NavItem } from './nav';

type PluginUi = ReturnType<Runtime['plugins']['ui']>[number];

/** The enabled plugins' menu entries the user may see (an entry naming a permission needs it). */
export function pluginNavItems(ui: PluginUi[], ability: AppAbility, lang: UiLang): NavItem[] {
  return ui.flatMap((p) =>
    p.menu
      .filter((m) => !m.permission || ability.can(m.permission.action as never, m.permission.subject as never))
      .map((m) => ({ href: m.path, label: localized(m.label, lang) })),
  );
}

export interface PluginFigure {
  key: string;
  value: string | number;
}

export interface PluginCardData {
  key: string;
  title: string;
  figures: PluginFigure[];
  /** The query's error for the user (a refusal hides the card instead). */
  error?: string;
}

export interface PluginLayerData {
  key: string;
  title: string;
  points: { lng: number; lat: number; name: string; colour: string }[];
  legend: { label: string; colour: string }[];
}

/** A card's figures as a flat key → value list: nested objects join their keys with dots, lists show their length. */
export function flattenFigures(value: unknown, prefix = ''): PluginFigure[] {
  if (value === null || value === undefined) return prefix ? [{ key: prefix, value: '—' }] : [];
  if (Array.isArray(value)) return [{ key: prefix || '#', value: value.length }];
  if (typeof value === 'object') return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flattenFigures(v, prefix ? `${prefix}.${k}` : k));
  return [{ key: prefix || '#', value: typeof value === 'number' ? Math.round(value * 100) / 100 : String(value) }];
}

const DEFAULT_COLOUR = '#8c8c8c';

/**
 * Calls the procedure a card or layer names (`plugins.<name>.<query>`) as the user, without input:
 * a refusal means the user does not see it, and so does a query that needs input (a descriptor
 * cannot give any); other domain errors are shown on the card.
 */
async function callQuery(caller: any, plugin: string, query: string): Promise<{ value?: unknown; error?: string; hidden?: boolean }> {
  const fn = caller.plugins?.[plugin]?.[query];
  if (typeof fn !== 'function') return { hidden: true };
  try {
    return { value: await fn() };
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    if (e.code === 'FORBIDDEN' || e.code === 'UNAUTHORIZED' || e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST') return { hidden: true };
    return { error: e.message };
  }
}

/** The enabled plugins' dashboard cards and map layers with their data, read through the user's caller. */
export async function loadPluginPanels(caller: any, ui: PluginUi[], lang: UiLang): Promise<{ cards: PluginCardData[]; layers: PluginLayerData[] }> {
  const cards: PluginCardData[] = [];
  const layers: PluginLayerData[] = [];
  for (const p of ui) {
    for (const card of p.cards) {
      const r = await callQuery(caller, p.plugin, card.query);
      if (r.hidden) continue;
      cards.push({ key: `${p.plugin}.${card.key}`, title: localized(card.label, lang), figures: r.error ? [] : flattenFigures(r.value), ...(r.error ? { error: r.error } : {}) });
    }
    for (const layer of p.mapLayers) {
      const r = await callQuery(caller, p.plugin, layer.query);
      if (r.hidden || r.error) continue;
      const legend = layer.legend ?? [];
      const colourOf = (props: Record<string, unknown>) => {
        const key = layer.colourProperty ? props[layer.colourProperty] : undefined;
        return legend.find((l) => l.key === key)?.colour ?? (typeof props.hex === 'string' ? props.hex : DEFAULT_COLOUR);
      };
      const features = ((r.value as { features?: any[] })?.features ?? []).filter((f) => f?.geometry?.type === 'Point');
      const title = localized(layer.label, lang);
      const points = features.map((f) => ({ lng: Number(f.geometry.coordinates[0]), lat: Number(f.geometry.coordinates[1]), name: String(f.properties?.name ?? f.id ?? ''), colour: colourOf(f.properties ?? {}) }));
      const entries = legend.map((l) => ({ label: localized(l.label, lang), colour: l.colour }));
      // A colour the legend does not name still gets an entry (under the layer's own label): no point is dropped.
      for (const colour of new Set(points.map((pt) => pt.colour))) if (!entries.some((e) => e.colour === colour)) entries.push({ label: title, colour });
      layers.push({ key: `${p.plugin}.${layer.key}`, title, points, legend: entries });
    }
  }
  return { cards, layers };
}
