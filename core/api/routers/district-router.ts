import { TRPCError } from '@trpc/server';
import { t } from '../../i18n';
import { gridCollection } from '../../org';
import { schemaInput } from '../input-parser';
import { authedProcedure, publicProcedure, router } from '../trpc';

const unitInput = schemaInput<{ id?: string }>({
  type: 'object',
  properties: { id: { type: 'string', maxLength: 64 } },
  additionalProperties: false,
});

const gridsInput = schemaInput<{ under?: string }>({
  type: 'object',
  properties: { under: { type: 'string', maxLength: 64 } },
  additionalProperties: false,
});
const unitsInput = schemaInput<{ kinds?: string[]; maxDepth?: number }>({
  type: 'object',
  properties: { kinds: { type: 'array', items: { type: 'string', maxLength: 32 }, maxItems: 20 }, maxDepth: { type: 'integer', minimum: 0, maximum: 20 } },
  additionalProperties: false,
});

/** The parts of the district config the web app needs to render menus, pickers and labels. */
export const districtRouter = router({
  summary: publicProcedure.query(({ ctx }) => {
    const d = ctx.runtime.bundle.district;
    return {
      id: d.id,
      name: d.name,
      platformName: d.platformName ?? d.name,
      locale: d.locale,
      timeZone: d.timeZone,
      center: d.center,
      orgLevels: d.orgLevels,
      roles: d.roles.map((r) => ({ key: r.key, label: r.label })),
      categories: d.categories.map((c) => ({ code: c.code, label: c.label, parent: c.parent ?? null })),
      channels: d.channels.map((c) => ({ key: c.key, label: c.label, kind: c.kind })),
      slaProfiles: d.slaProfiles,
      orgUnitCount: ctx.runtime.org.size,
    };
  }),
  /** Menu entries and dashboard cards of the district's enabled plugins (data; the web app renders them). */
  plugins: publicProcedure.query(({ ctx }) => ctx.runtime.plugins.ui()),
  /** Children of a unit (the root's when no id): the org-tree picker loads level by level. */
  orgChildren: authedProcedure.input(unitInput).query(({ ctx, input }) => {
    const org = ctx.runtime.org;
    const parent = input.id ?? org.root()?.id;
    return parent ? org.children(parent).map(({ id, name, nameEn, level, kind }) => ({ id, name, nameEn, level, kind })) : [];
  }),
  /** Grid polygons (GeoJSON) for the location picker's map, optionally only a subtree's. */
  grids: authedProcedure.input(gridsInput).query(({ ctx, input }) => gridCollection(ctx.runtime.bundle.units, ctx.runtime.org, input.under)),
  /**
   * Org units as a flat list for pickers (departments, areas down to a depth): names and places in
   * the tree are not restricted data, but only a signed-in user who may read org units gets them.
   */
  units: authedProcedure.input(unitsInput).query(({ ctx, input }) => {
    if (!ctx.ability.can('read', 'OrgUnit')) throw new TRPCError({ code: 'FORBIDDEN', message: t(ctx.lang, 'forbidden.action', { action: 'read', entity: 'OrgUnit' }) });
    const kinds = input.kinds ? new Set(input.kinds) : undefined;
    return [...ctx.runtime.org.all()]
      .filter((u) => (!kinds || kinds.has(u.kind)) && (input.maxDepth === undefined || u.depth <= input.maxDepth))
      .sort((a, b) => (a.path < b.path ? -1 : 1))
      .slice(0, 5000)
      .map(({ id, name, nameEn, level, kind, parentId }) => ({ id, name, nameEn, level, kind, parentId }));
  }),
});
