import { TRPCError } from '@trpc/server';
import type { AppAbility } from '../../core/access';
import type { Runtime } from '../../core/runtime';
import { localized, type UiLang } from '../i18n';
import type { NavItem } from './nav';

type PluginUi = ReturnType<Runtime['plugins']['ui']>[number];

type Permission = { action: string; subject: string } | undefined;
const allowed = (ability: AppAbility, permission: Permission) => !permission || ability.can(permission.action as never, permission.subject as never);

/** Where a plugin's page is served. */
export const pluginPagePath = (plugin: string, page: string) => `/p/${plugin}/${page}`;

/** The enabled plugins' menu entries and pages the user may see (an entry naming a permission needs it). */
export function pluginNavItems(ui: PluginUi[], ability: AppAbility, lang: UiLang): NavItem[] {
  return ui.flatMap((p) => [
    ...p.menu.filter((m) => allowed(ability, m.permission)).map((m) => ({ href: m.path, label: localized(m.label, lang) })),
    ...(p.pages ?? []).filter((pg) => allowed(ability, pg.permission)).map((pg) => ({ href: pluginPagePath(p.plugin, pg.key), label: localized(pg.label, lang) })),
  ]);
}

/** A page an enabled plugin declares, if the user may open it: 'missing' (no such page) or 'forbidden' otherwise. */
export function findPluginPage(ui: PluginUi[], ability: AppAbility, plugin: string, page: string) {
  const p = ui.find((u) => u.plugin === plugin);
  const found = p?.pages?.find((pg) => pg.key === page);
  if (!p || !found) return { status: 'missing' as const };
  if (!allowed(ability, found.permission)) return { status: 'forbidden' as const };
  return { status: 'ok' as const, page: found, pluginLabel: p.label };
}

/** A card input's value when the user has not chosen one: the current month in the district's time zone. */
export function defaultInputValue(kind: 'month', now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).formatToParts(now);
  const get = (type: string) => parts.find((x) => x.type === type)!.value;
  return `${get('year')}-${get('month')}`;
}

/** The name of a card input's query parameter on the dashboard URL. */
export const cardInputParam = (cardKey: string, input: string) => `${cardKey}.${input}`;

export interface PluginFigure {
  key: string;
  value: string | number;
}

export interface PluginCardInputData {
  /** Query parameter the dashboard reads it from. */
  param: string;
  kind: 'month';
  label: string;
  value: string;
}

export interface PluginCardData {
  key: string;
  title: string;
  /** The inputs the card's query took, shown on the card so the user can change them. */
  inputs?: PluginCardInputData[];
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
 * Calls the procedure a card or layer names (`plugins.<name>.<query>`) as the user, with the card's
 * inputs if it declares any: a refusal means the user does not see it, and so does a query that
 * needs input the descriptor does not declare; other domain errors are shown on the card.
 */
async function callQuery(caller: any, plugin: string, query: string, input?: Record<string, string>): Promise<{ value?: unknown; error?: string; hidden?: boolean }> {
  const fn = caller.plugins?.[plugin]?.[query];
  if (typeof fn !== 'function') return { hidden: true };
  try {
    return { value: await (input ? fn(input) : fn()) };
  } catch (e) {
    if (!(e instanceof TRPCError)) throw e;
    if (e.code === 'FORBIDDEN' || e.code === 'UNAUTHORIZED' || e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST') return { hidden: true };
    return { error: e.message };
  }
}

export interface PanelOptions {
  /** The dashboard's query parameters: a card input's chosen value is `<plugin>.<card>.<input>`. */
  params?: Record<string, string | undefined>;
  timeZone?: string;
  now?: Date;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The enabled plugins' dashboard cards and map layers with their data, read through the user's caller. */
export async function loadPluginPanels(caller: any, ui: PluginUi[], lang: UiLang, options: PanelOptions = {}): Promise<{ cards: PluginCardData[]; layers: PluginLayerData[] }> {
  const cards: PluginCardData[] = [];
  const layers: PluginLayerData[] = [];
  const now = options.now ?? new Date();
  for (const p of ui) {
    for (const card of p.cards) {
      const key = `${p.plugin}.${card.key}`;
      const inputs = (card.inputs ?? []).map((i): PluginCardInputData => {
        const param = cardInputParam(key, i.key);
        const chosen = options.params?.[param];
        // A malformed month in the URL falls back to the default rather than hiding the card.
        const value = chosen && MONTH.test(chosen) ? chosen : defaultInputValue(i.kind, now, options.timeZone ?? 'Asia/Shanghai');
        return { param, kind: i.kind, label: localized(i.label, lang), value };
      });
      const input = inputs.length ? Object.fromEntries((card.inputs ?? []).map((i, n) => [i.key, inputs[n].value])) : undefined;
      const r = await callQuery(caller, p.plugin, card.query, input);
      if (r.hidden) continue;
      cards.push({ key, title: localized(card.label, lang), ...(inputs.length ? { inputs } : {}), figures: r.error ? [] : flattenFigures(r.value), ...(r.error ? { error: r.error } : {}) });
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
