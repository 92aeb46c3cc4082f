import { orgImportsFor } from '../../org-import';
import { listPlugins, setPlugin } from '../../plugin-settings';
import { viewAs } from '../../view-as';
import { serviceContext } from '../context';
import { schemaInput } from '../input-parser';
import { configureProcedure } from '../trpc';

const viewAsInput = schemaInput<{ userId: string; entity?: string }>({
  type: 'object',
  properties: { userId: { type: 'string', minLength: 1, maxLength: 64 }, entity: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['userId'],
  additionalProperties: false,
});
const setPluginInput = schemaInput<{ name: string; enabled: boolean; settings?: unknown }>({
  type: 'object',
  properties: { name: { type: 'string', minLength: 1, maxLength: 64 }, enabled: { type: 'boolean' }, settings: {} },
  required: ['name', 'enabled'],
  additionalProperties: false,
});
const importStatusInput = schemaInput<{ importId: string }>({
  type: 'object',
  properties: { importId: { type: 'string', minLength: 1, maxLength: 64 } },
  required: ['importId'],
  additionalProperties: false,
});

/**
 * The studio's tools beside its drafts (issue 8 parts 4–6): view as user, plugins, org import
 * status. Spread into the `studio` router; every procedure needs the `configure` right.
 */
export const studioToolsProcedures = {
  viewAs: configureProcedure.input(viewAsInput).query(({ ctx, input }) => viewAs(ctx.runtime, serviceContext(ctx), input)),
  plugins: configureProcedure.query(({ ctx }) => listPlugins(ctx.runtime.plugins, ctx.runtime.studio, ctx.lang)),
  setPlugin: configureProcedure.input(setPluginInput).mutation(({ ctx, input }) => setPlugin(ctx.runtime.plugins, ctx.runtime.studio, serviceContext(ctx), input)),
  orgImportStatus: configureProcedure.input(importStatusInput).query(({ ctx, input }) => orgImportsFor(ctx.runtime).status(serviceContext(ctx), input.importId)),
};
