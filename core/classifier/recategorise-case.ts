import type { Kysely } from 'kysely';
import type { AuditEntryInput } from '../audit';
import type { DistrictBundle } from '../config';
import type { DistrictConfig } from '../config/types.generated';
import type { EntityRecord, EntityService, ServiceContext } from '../entities';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { DepartmentRules } from '../geo';
import { t } from '../i18n';
import type { WorkflowEngine } from '../workflow';

/** Suggestions below this confidence are not offered when the district does not set its own. */
export const DEFAULT_SUGGEST_MIN_CONFIDENCE = 0.5;

export function suggestMinConfidence(district: DistrictConfig): number {
  return district.classifier?.suggestMinConfidence ?? DEFAULT_SUGGEST_MIN_CONFIDENCE;
}

export interface RecategoriseDeps {
  db: Kysely<any>;
  bundle: DistrictBundle;
  entities: EntityService;
  workflow: WorkflowEngine;
  audit: (db: Kysely<any>, entries: AuditEntryInput[]) => Promise<void>;
  now: () => Date;
}

export interface RecategoriseInput {
  entity: string;
  id: string;
  category: string;
  /** The version the dispatcher saw: a case changed since is a conflict, not a silent overwrite. */
  version?: number;
}

export interface RecategoriseResult {
  record: EntityRecord;
  before: { category: string | null; departments: string[] };
  after: { category: string; departments: string[] };
}

/**
 * A dispatcher corrects a case's category (typically by accepting the classifier's suggestion):
 * the category changes, the handling departments follow the category → department rules, and
 * the case's routing row, timeline and audit log say what it was before. When the new category
 * brings another SLA profile, the case's open clocks are re-timed under it (their old → new
 * deadlines in the same event and audit entry, as `clocks`), and the clocks only the new profile
 * defines start from where the case's path would have started them (as `started`). Needs
 * `dispatch` on the case; a closed case keeps the category it was closed under.
 */
export async function recategoriseCase(deps: RecategoriseDeps, ctx: ServiceContext, input: RecategoriseInput): Promise<RecategoriseResult> {
  const entity = deps.entities.registry.get(input.entity, ctx.lang);
  const known = deps.bundle.district.categories.some((c) => c.code === input.category);
  if (!known || !entity.byField.has('category')) {
    const message = t(ctx.lang, 'recategorise.unknownCategory', { category: input.category });
    throw new ValidationError(message, [{ path: '/category', message, code: 'unknownCategory' }]);
  }
  const record = await deps.entities.getForWrite(ctx, entity.name, input.id);
  if (ctx.ability && !ctx.ability.can('dispatch', await deps.workflow.subjectOf(entity, record))) {
    await deps.db.transaction().execute((trx) =>
      deps.audit(trx, [{ actorId: ctx.actor?.id ?? null, action: 'denied', subjectType: entity.name, subjectId: record.id, diff: { attempted: 'recategorise' }, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null }]),
    );
    throw new ForbiddenError(t(ctx.lang, 'forbidden.action', { action: 'dispatch', entity: entity.name }));
  }
  const state = entity.workflow?.states.find((s) => s.key === record.status);
  if (state?.final) {
    const message = t(ctx.lang, 'recategorise.final', { id: record.id, state: state.key });
    throw new ConflictError(message, [{ path: '/id', message, code: 'final' }]);
  }
  const version = input.version ?? record.version;
  if (version !== record.version) {
    const message = t(ctx.lang, 'conflict.staleVersion', { current: record.version, given: version });
    throw new ConflictError(message, [{ path: '/version', message, code: 'staleVersion' }]);
  }

  const rules = new DepartmentRules(deps.bundle.district.categories);
  const routing = await deps.db.selectFrom('case_routing').select('departments').where('entity', '=', entity.name).where('record_id', '=', record.id).executeTakeFirst();
  const previous = typeof record.data.category === 'string' ? record.data.category : null;
  const before = { category: previous, departments: routing?.departments ? (JSON.parse(routing.departments) as string[]) : rules.departmentsFor(previous ?? undefined) };
  const after = { category: input.category, departments: rules.departmentsFor(input.category) };
  if (previous === input.category) return { record: await deps.entities.present(ctx, entity.name, record), before, after };

  const iso = deps.now().toISOString();
  const actor = ctx.actor?.id ?? null;
  const updated: EntityRecord = { ...record, data: { ...record.data, category: input.category }, version: record.version + 1, updatedAt: iso, updatedBy: actor };
  await deps.db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable(entity.table)
      .set({ category: input.category, version: updated.version, updated_at: iso, updated_by: actor })
      .where('id', '=', record.id)
      .where('version', '=', record.version)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const message = t(ctx.lang, 'conflict.staleVersion', { current: record.version + 1, given: record.version });
      throw new ConflictError(message, [{ path: '/version', message, code: 'staleVersion' }]);
    }
    if (routing) {
      await trx.updateTable('case_routing').set({ departments: JSON.stringify(after.departments) }).where('entity', '=', entity.name).where('record_id', '=', record.id).execute();
    }
    // The case is timed by its new category's SLA profile from now on: open clocks re-timed here, so
    // the category and the deadlines it implies commit (or roll back) together.
    const clocks = await deps.workflow.retimeClocks(trx, ctx, entity, record.id, { before: record.data, after: updated.data });
    // …and the clocks the new profile adds that the case's path would have started are started,
    // counted from when the path reached them.
    const started = await deps.workflow.startSkippedClocks(trx, ctx, entity, updated, record.data);
    const timing = { ...(clocks.length ? { clocks } : {}), ...(started.length ? { started } : {}) };
    await deps.workflow.event(trx, ctx, entity, updated, { type: 'recategorised', data: { from: before.category, to: after.category, departments: after.departments, ...timing } });
    await deps.audit(trx, [
      {
        actorId: actor,
        action: 'recategorise',
        subjectType: entity.name,
        subjectId: record.id,
        diff: { changed: { category: { before: before.category, after: after.category }, departments: { before: before.departments, after: after.departments } }, ...timing },
        requestId: ctx.requestId ?? null,
        ip: ctx.ip ?? null,
      },
    ]);
  });
  return { record: await deps.entities.present(ctx, entity.name, updated), before, after };
}
