import type { Runtime } from '../../core/runtime';
import type { UiLang } from '../i18n';

export interface UnitOption {
  id: string;
  name: string;
}

const nameOf = (u: { name: string; nameEn: string | null }, lang: UiLang) => (lang === 'en' && u.nameEn) || u.name;

/** The units directly under the district (its departments, command centre and subdistricts), for unit pickers. */
export function topUnits(runtime: Runtime, lang: UiLang): UnitOption[] {
  const all = [...runtime.org.all()];
  const root = all.find((u) => !u.parentId);
  return all.filter((u) => u.parentId && u.parentId === root?.id).sort((a, b) => a.path.localeCompare(b.path)).map((u) => ({ id: u.id, name: nameOf(u, lang) }));
}

/** The units of a subtree down to `depth` levels below its root, for choosing where something applies. */
export function subtreeUnits(runtime: Runtime, rootIds: string[], depth: number, lang: UiLang): UnitOption[] {
  const roots = rootIds.map((id) => runtime.org.get(id)).filter((u): u is NonNullable<typeof u> => !!u);
  return [...runtime.org.all()]
    .filter((u) => roots.some((r) => u.path.startsWith(r.path) && u.depth - r.depth <= depth))
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((u) => ({ id: u.id, name: nameOf(u, lang) }));
}

/** A unit's display name, or its id when unknown. */
export function unitName(runtime: Runtime, id: string | null | undefined, lang: UiLang): string {
  if (!id) return '—';
  const u = runtime.org.get(id);
  return u ? nameOf(u, lang) : id;
}
