import { serviceContext } from '../context';
import { schemaInput } from '../input-parser';
import { configureProcedure, router } from '../trpc';
import type { Conversion } from '../../studio';

const filePath = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9_./-]+$' } as const;
const version = { type: 'integer', minimum: 1 } as const;
const note = { type: 'string', maxLength: 500 } as const;
const conversions = {
  type: 'array',
  maxItems: 100,
  items: {
    type: 'object',
    properties: { entity: { type: 'string', maxLength: 48 }, field: { type: 'string', maxLength: 64 }, conversion: { type: 'string', maxLength: 32 } },
    required: ['entity', 'field', 'conversion'],
    additionalProperties: false,
  },
} as const;

const pathInput = schemaInput<{ path: string }>({ type: 'object', properties: { path: filePath }, required: ['path'], additionalProperties: false });
const saveInput = schemaInput<{ path: string; content: unknown; rev?: number }>({
  type: 'object',
  properties: { path: filePath, content: {}, rev: { type: 'integer', minimum: 0 } },
  required: ['path', 'content'],
  additionalProperties: false,
});
/** Procedures whose whole input may be left out. */
const optional = <T>(parse: (input: unknown) => T) => (input: unknown): T | undefined => (input === undefined || input === null ? undefined : parse(input));

const diffInput = optional(schemaInput<{ from?: number; to?: number | 'draft' }>({
  type: 'object',
  properties: { from: version, to: { oneOf: [version, { const: 'draft' }] } },
  additionalProperties: false,
}));
const publishInput = optional(schemaInput<{ note?: string; conversions?: Conversion[] }>({
  type: 'object',
  properties: { note, conversions },
  additionalProperties: false,
}));
const rollbackInput = schemaInput<{ toVersion: number; note?: string; conversions?: Conversion[] }>({
  type: 'object',
  properties: { toVersion: version, note, conversions },
  required: ['toVersion'],
  additionalProperties: false,
});
// The file's own fields are checked by the import (format, version, district, every file), with reasons.
const importInput = schemaInput<{ file: unknown; dryRun?: boolean; conversions?: Conversion[] }>({
  type: 'object',
  properties: { file: { type: 'object' }, dryRun: { type: 'boolean' }, conversions },
  required: ['file'],
  additionalProperties: false,
});

/** The admin studio: the district's config as drafts and published versions. Only for `configure`. */
export const studioRouter = router({
  overview: configureProcedure.query(({ ctx }) => ctx.runtime.studio.overview()),
  file: configureProcedure.input(pathInput).query(({ ctx, input }) => ctx.runtime.studio.file(input.path, ctx.lang)),
  schemas: configureProcedure.query(({ ctx }) => ctx.runtime.studio.schemas()),
  saveFile: configureProcedure.input(saveInput).mutation(({ ctx, input }) => ctx.runtime.studio.saveFile(serviceContext(ctx), input)),
  removeFile: configureProcedure.input(pathInput).mutation(({ ctx, input }) => ctx.runtime.studio.removeFile(serviceContext(ctx), input.path)),
  discardDraft: configureProcedure.mutation(async ({ ctx }) => {
    await ctx.runtime.studio.discardDraft();
    return { discarded: true };
  }),
  check: configureProcedure.query(({ ctx }) => ctx.runtime.studio.check(ctx.lang)),
  diff: configureProcedure.input(diffInput).query(({ ctx, input }) => ctx.runtime.studio.diff(ctx.lang, input ?? {})),
  publish: configureProcedure.input(publishInput).mutation(({ ctx, input }) => ctx.runtime.studio.publish(serviceContext(ctx), input ?? {})),
  versions: configureProcedure.query(({ ctx }) => ctx.runtime.studio.versions()),
  rollback: configureProcedure.input(rollbackInput).mutation(({ ctx, input }) => ctx.runtime.studio.rollback(serviceContext(ctx), input)),
  exportConfig: configureProcedure.query(({ ctx }) => ctx.runtime.studio.exportConfig()),
  importConfig: configureProcedure
    .input(importInput)
    .mutation(({ ctx, input }) => ctx.runtime.studio.importConfig(serviceContext(ctx), input.file, { dryRun: input.dryRun, conversions: input.conversions })),
});
