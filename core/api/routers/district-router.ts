import { schemaInput } from '../input-parser';
import { authedProcedure, publicProcedure, router } from '../trpc';

const unitInput = schemaInput<{ id?: string }>({
  type: 'object',
  properties: { id: { type: 'string', maxLength: 64 } },
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
});
