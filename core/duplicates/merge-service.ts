import type { Kysely } from 'kysely';
import type { AuditEntryInput } from '../audit';
import { insertRows } from '../db';
import { newRecordId, systemContext, type CompiledEntity, type EntityRecord, type EntityService, type ServiceContext } from '../entities';
import { ConflictError, ForbiddenError, ValidationError } from '../errors';
import { t } from '../i18n';
import type { OrgDirectory } from '../org';
import type { TransitionHook, WorkflowEngine } from '../workflow';

export interface MergeDeps {
  db: Kysely<any>;
  entities: EntityService;
  workflow: WorkflowEngine;
  org: OrgDirectory;
  audit: (db: Kysely<any>, entries: AuditEntryInput[]) => Promise<void>;
  now: () => Date;
}

export interface DuplicateCandidate {
  id: string;
  reason: string;
  distanceMetres: number | null;
  textSimilarity: number | null;
  at: string;
  status: string | null;
  title: unknown;
  channel: unknown;
}

/** The workflow's system transitions a merge and a split fire (see the case workflows). */
const MERGE = 'merge';
const UNMERGE = 'unmerge';

/**
 * Dispatchers merge duplicates into one primary case (the others close as merged; their
 * reporters learn the primary's outcome when it closes) and split them again. Both need the
 * `merge` permission on every case involved.
 */
export class MergeService {
  constructor(private readonly deps: MergeDeps) {}

  /** Candidates linked to this case in either direction, with merges in force. */
  async duplicates(ctx: ServiceContext, entityName: string, id: string) {
    const record = await this.deps.entities.get(ctx, entityName, id);
    const entity = this.deps.entities.registry.get(entityName, ctx.lang);
    const links = await this.deps.db
      .selectFrom('case_duplicate')
      .selectAll()
      .where('entity', '=', entity.name)
      .where((eb) => eb.or([eb('record_id', '=', id), eb('candidate_id', '=', id)]))
      .orderBy('at')
      .execute();
    const otherIds = [...new Set(links.map((l) => (l.record_id === id ? l.candidate_id : l.record_id)))];
    // The other cases through the same scoped read: a case the actor may not see is left out.
    const visible = otherIds.length ? await this.deps.entities.list(ctx, entityName, { where: (eb, table) => eb(`${table}.id`, 'in', otherIds), limit: 200 }) : { items: [] };
    const byId = new Map(visible.items.map((r) => [r.id, r]));
    const candidates: DuplicateCandidate[] = [];
    for (const l of links) {
      const other = byId.get(l.record_id === id ? l.candidate_id : l.record_id);
      if (!other || candidates.some((c) => c.id === other.id)) continue;
      candidates.push({ id: other.id, reason: l.reason, distanceMetres: l.distance_m === null ? null : Number(l.distance_m), textSimilarity: l.text_similarity === null ? null : Number(l.text_similarity), at: l.at, status: other.status, title: other.data.title, channel: other.data.channel });
    }
    const merges = await this.deps.db
      .selectFrom('case_merge')
      .selectAll()
      .where('entity', '=', entity.name)
      .where((eb) => eb.or([eb('primary_id', '=', id), eb('duplicate_id', '=', id)]))
      .where('split_at', 'is', null)
      .execute();
    return {
      record: { id: record.id, status: record.status, riskLevel: record.data.riskLevel ?? null },
      candidates,
      mergedInto: merges.find((m) => m.duplicate_id === id)?.primary_id ?? null,
      merged: merges.filter((m) => m.primary_id === id).map((m) => ({ id: m.duplicate_id, mergedAt: m.merged_at, mergedBy: m.merged_by })),
    };
  }

  async merge(ctx: ServiceContext, entityName: string, primaryId: string, duplicateIds: string[]) {
    const entity = this.deps.entities.registry.get(entityName, ctx.lang);
    const workflow = this.deps.workflow.resolve(ctx, entityName).workflow;
    const ids = [...new Set(duplicateIds)];
    if (ids.includes(primaryId)) throw this.invalid(ctx, '/duplicateIds', 'merge.self', { id: primaryId }, 'self');
    const records = await this.permitted(ctx, entity, [primaryId, ...ids]);
    const finals = new Set(workflow.states.filter((s) => s.final).map((s) => s.key));
    const active = await this.activeMerges(this.deps.db, entity, ids);
    for (const r of records) {
      const mergedInto = active.get(r.id);
      if (mergedInto) throw this.conflict(ctx, 'merge.alreadyMerged', { id: r.id, primary: mergedInto });
      if (finals.has(r.status ?? '')) throw this.conflict(ctx, 'merge.notOpen', { id: r.id, state: r.status ?? '—' });
    }
    const iso = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      for (const id of ids) {
        // The state may have moved since the check: fireSystem re-reads it inside the transaction.
        if (!(await this.deps.workflow.fireSystem(trx, entity, workflow, id, MERGE, {}))) {
          throw this.conflict(ctx, 'merge.notOpen', { id, state: '?' });
        }
      }
      await insertRows(trx, 'case_merge', ids.map((id) => ({ id: newRecordId(), entity: entity.name, primary_id: primaryId, duplicate_id: id, merged_at: iso, merged_by: ctx.actor?.id ?? null, split_at: null, split_by: null, outcome_at: null })));
      for (const id of ids) {
        await this.deps.workflow.event(trx, ctx, entity, { id } as EntityRecord, { type: 'merged', data: { primaryId } });
      }
      await this.deps.workflow.event(trx, ctx, entity, { id: primaryId } as EntityRecord, { type: 'merge.primary', data: { duplicateIds: ids } });
      await this.deps.audit(trx, [{ actorId: ctx.actor?.id ?? null, action: 'merge', subjectType: entity.name, subjectId: primaryId, diff: { duplicateIds: ids }, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null }]);
    });
    return this.duplicates(ctx, entityName, primaryId);
  }

  /** Undoes a merge: the duplicate opens again (back to the initial state, clocks restarted). */
  async split(ctx: ServiceContext, entityName: string, duplicateId: string) {
    const entity = this.deps.entities.registry.get(entityName, ctx.lang);
    const workflow = this.deps.workflow.resolve(ctx, entityName).workflow;
    const primaryId = (await this.activeMerges(this.deps.db, entity, [duplicateId])).get(duplicateId);
    await this.permitted(ctx, entity, primaryId ? [primaryId, duplicateId] : [duplicateId]);
    if (!primaryId) throw this.conflict(ctx, 'merge.notMerged', { id: duplicateId });
    const iso = this.deps.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('case_merge')
        .set({ split_at: iso, split_by: ctx.actor?.id ?? null })
        .where('entity', '=', entity.name)
        .where('duplicate_id', '=', duplicateId)
        .where('split_at', 'is', null)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 0 || !(await this.deps.workflow.fireSystem(trx, entity, workflow, duplicateId, UNMERGE, {}))) {
        throw this.conflict(ctx, 'merge.notMerged', { id: duplicateId });
      }
      await this.deps.workflow.event(trx, ctx, entity, { id: duplicateId } as EntityRecord, { type: 'split', data: { primaryId } });
      await this.deps.workflow.event(trx, ctx, entity, { id: primaryId } as EntityRecord, { type: 'split.primary', data: { duplicateId } });
      await this.deps.audit(trx, [{ actorId: ctx.actor?.id ?? null, action: 'split', subjectType: entity.name, subjectId: duplicateId, diff: { primaryId }, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null }]);
    });
    return this.duplicates(ctx, entityName, duplicateId);
  }

  /**
   * When a primary reaches a final state (other than merged), each case merged into it gets the
   * outcome on its timeline and a notification for its reporter, once.
   */
  outcomeHook(): TransitionHook {
    return async (trx, _ctx, entity, record, transition) => {
      const target = entity.workflow?.states.find((s) => s.key === transition.to);
      if (!target?.final || transition.key === MERGE) return;
      const merged = await trx
        .selectFrom('case_merge')
        .select(['id', 'duplicate_id'])
        .where('entity', '=', entity.name)
        .where('primary_id', '=', record.id)
        .where('split_at', 'is', null)
        .where('outcome_at', 'is', null)
        .execute();
      if (!merged.length) return;
      const iso = this.deps.now().toISOString();
      const dups = await trx.selectFrom(entity.table).select(['id', 'org_unit_id', 'created_by', 'channel']).where('id', 'in', merged.map((m) => m.duplicate_id)).execute();
      const outcome = { primaryId: record.id, state: transition.to, transition: transition.key };
      for (const d of dups) {
        await this.deps.workflow.event(trx, systemContext(), entity, { id: d.id } as EntityRecord, { type: 'merge.outcome', unit_id: d.org_unit_id, data: outcome });
      }
      await insertRows(
        trx,
        'notification',
        dups.map((d) => ({ id: newRecordId(), entity: entity.name, record_id: d.id, unit_id: d.org_unit_id, role: null, kind: 'merge.outcome', at: iso, data: JSON.stringify({ ...outcome, reporterId: d.created_by ?? null, channel: d.channel ?? null }) })),
      );
      await trx.updateTable('case_merge').set({ outcome_at: iso }).where('id', 'in', merged.map((m) => m.id)).execute();
    };
  }

  /** The records, each readable by the actor (else 404/403) and mergeable by them (else 403). */
  private async permitted(ctx: ServiceContext, entity: CompiledEntity, ids: string[]): Promise<EntityRecord[]> {
    const records: EntityRecord[] = [];
    for (const id of ids) {
      const record = await this.deps.entities.getForWrite(ctx, entity.name, id);
      if (ctx.ability && !ctx.ability.can('merge', await this.deps.workflow.subjectOf(entity, record))) {
        await this.deps.db.transaction().execute((trx) =>
          this.deps.audit(trx, [{ actorId: ctx.actor?.id ?? null, action: 'denied', subjectType: entity.name, subjectId: id, diff: { attempted: 'merge' }, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null }]),
        );
        throw new ForbiddenError(t(ctx.lang, 'forbidden.action', { action: 'merge', entity: entity.name }));
      }
      records.push(record);
    }
    return records;
  }

  private async activeMerges(db: Kysely<any>, entity: CompiledEntity, ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const rows = await db.selectFrom('case_merge').select(['duplicate_id', 'primary_id']).where('entity', '=', entity.name).where('duplicate_id', 'in', ids).where('split_at', 'is', null).execute();
    return new Map(rows.map((r) => [r.duplicate_id, r.primary_id]));
  }

  private invalid(ctx: ServiceContext, path: string, key: 'merge.self', params: Record<string, string>, code: string) {
    const message = t(ctx.lang, key, params);
    return new ValidationError(message, [{ path, message, code }]);
  }

  private conflict(ctx: ServiceContext, key: 'merge.alreadyMerged' | 'merge.notOpen' | 'merge.notMerged', params: Record<string, string>) {
    const message = t(ctx.lang, key, params);
    return new ConflictError(message, [{ path: '/id', message, code: key.split('.')[1] }]);
  }
}
