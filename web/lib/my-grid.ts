import { localized, type UiLang } from '../i18n';
import type { PageContext } from './page-context';

export interface MyGridLink {
  href: string;
  label: string;
  count: number;
}

export interface MyGrid {
  /** The grids (or micro-grids) the user is assigned to. */
  units: string[];
  links: MyGridLink[];
}

/**
 * "My grid" for people assigned to a grid level: a link to each register (entity without a
 * workflow: residents, places, visit logs, plugins' records) they may read, with how many records
 * their scope holds. Nothing for people above or outside the grids. Generic: no entity is named.
 */
export async function myGrid(pc: PageContext, lang: UiLang): Promise<MyGrid | undefined> {
  const { runtime, principal, ability, ctx } = pc;
  const gridLevels = new Set(runtime.bundle.district.orgLevels.filter((l) => l.isGrid).map((l) => l.key));
  const units = principal.assignments.map((a) => runtime.org.get(a.unitId)).filter((u) => !!u && gridLevels.has(u.level));
  if (!units.length) return undefined;
  const entities = runtime.registry.all().filter((e) => !e.workflow && ability.can('read', e.subject));
  const links = await Promise.all(
    entities.map(async (e) => ({ href: `/entities/${e.name}`, label: localized(e.def.label, lang), count: await runtime.entities.count(ctx, e.name) })),
  );
  return { units: units.map((u) => (lang === 'en' && u!.nameEn) || u!.name), links };
}
