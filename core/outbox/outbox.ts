import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { AuditEntryInput } from '../audit';
import type { OutboundLeg } from '../config';
import type { CompiledEntity, EntityRecord, ServiceContext } from '../entities';
import { newRecordId } from '../entities';
import { ConflictError, ForbiddenError, NotFoundError } from '../errors';
import { t } from '../i18n';
import { retryDelaySeconds, scheduleJob, type Job } from '../jobs';
import type { OrgDirectory } from '../org';
import type { ChannelRegistry } from '../intake';
import { postWebhook } from './webhook-adapter';

export const OUTBOX_DELIVER = 'outbox.deliver';
export const DEFAULT_MAX_ATTEMPTS = 8;

export type LegStatus = 'pending' | 'sent' | 'failed' | 'dead';

export interface OutboxLeg {
  id: string;
  entity: string;
  recordId: string;
  channel: string;
  leg: string;
  trigger: string;
  status: LegStatus;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  /** When the next delivery attempt is due (a pending or failed leg); null when none is queued. */
  nextAttemptAt: string | null;
}

interface OutboxDeps {
  db: Kysely<any>;
  channels: ChannelRegistry;
  org: OrgDirectory;
  now: () => Date;
  env?: NodeJS.ProcessEnv;
  audit?: (db: Kysely<any>, entries: AuditEntryInput[]) => Promise<void>;
}

/**
 * Outbound legs (a result back to the court, to 12345): one row per case × leg × trigger, each
 * with its own state pending → sent, or failed (retried with backoff through the job table) →
 * dead with an alarm to the command centre. Never one "sent" flag per case.
 */
export class Outbox {
  constructor(private readonly deps: OutboxDeps) {}

  /** Queues the legs of the case's channel that fire on entering `record.status`. */
  async enqueueForState(trx: Kysely<any>, entity: CompiledEntity, record: EntityRecord): Promise<number> {
    const channel = typeof record.data.channel === 'string' ? this.deps.channels.get(record.data.channel) : undefined;
    const legs = (channel?.outbound ?? []).filter((leg) => leg.on.includes(record.status ?? ''));
    let queued = 0;
    for (const leg of legs) {
      const target = this.targetOf(leg);
      if (!target) continue;
      const at = this.deps.now();
      const id = randomUUID();
      const payload = {
        leg: leg.key,
        channel: channel!.key,
        event: record.status,
        at: at.toISOString(),
        case: { id: record.id, status: record.status, version: record.version, orgUnitId: record.orgUnitId, title: record.data.title, category: record.data.category, updatedAt: record.updatedAt },
      };
      const inserted = await trx
        .insertInto('outbox')
        .values({
          id,
          entity: entity.name,
          record_id: record.id,
          channel: channel!.key,
          leg: leg.key,
          // A case closed, reopened and closed again owes the sender a second result.
          trigger: `${record.status}@${record.version}`,
          adapter: leg.adapter,
          target,
          payload: JSON.stringify(payload),
          status: 'pending',
          attempts: 0,
          max_attempts: leg.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          created_at: at.toISOString(),
          updated_at: at.toISOString(),
        })
        .onConflict((oc) => oc.columns(['record_id', 'channel', 'leg', 'trigger']).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
      await scheduleJob(trx, { kind: OUTBOX_DELIVER, dueAt: at, payload: { legId: id }, key: `outbox:${id}` }, at);
      queued++;
    }
    return queued;
  }

  private targetOf(leg: OutboundLeg): string | undefined {
    return leg.url ?? (leg.urlEnv ? (this.deps.env ?? process.env)[leg.urlEnv] || undefined : undefined);
  }

  /**
   * The job handler: one attempt. A failure is recorded (not thrown) so the leg's state commits,
   * and the next attempt is scheduled with backoff; the last one marks the leg dead and alarms.
   * The HTTP call runs inside the job's transaction, so the webhook timeout is kept short.
   */
  async deliver(job: Job<{ legId: string }>, trx: Transaction<any>): Promise<void> {
    const row = await trx.selectFrom('outbox').selectAll().where('id', '=', job.payload.legId).executeTakeFirst();
    if (!row || row.status === 'sent' || row.status === 'dead') return;
    const attempts = Number(row.attempts) + 1;
    const now = this.deps.now();
    try {
      await postWebhook(row.target, JSON.parse(row.payload), row.id);
      await trx.updateTable('outbox').set({ status: 'sent', attempts, last_error: null, sent_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', row.id).execute();
    } catch (e) {
      const error = String((e as Error).message ?? e).slice(0, 1000);
      const dead = attempts >= Number(row.max_attempts);
      await trx.updateTable('outbox').set({ status: dead ? 'dead' : 'failed', attempts, last_error: error, updated_at: now.toISOString() }).where('id', '=', row.id).execute();
      if (dead) await this.alarm(trx, row, error, now);
      else await scheduleJob(trx, { kind: OUTBOX_DELIVER, dueAt: new Date(now.getTime() + retryDelaySeconds(attempts) * 1000), payload: { legId: row.id }, key: `outbox:${row.id}` }, now);
    }
  }

  /** A dead leg is a notification to the top command centre (or the root unit). */
  private async alarm(trx: Kysely<any>, row: Record<string, any>, error: string, now: Date): Promise<void> {
    let centre: { id: string; depth: number } | undefined;
    for (const u of this.deps.org.all()) if (u.kind === 'commandCentre' && (!centre || u.depth < centre.depth)) centre = u;
    const unitId = centre?.id ?? this.deps.org.root()?.id;
    if (!unitId) return;
    await trx
      .insertInto('notification')
      .values({ id: newRecordId(), entity: row.entity, record_id: row.record_id, unit_id: unitId, role: null, kind: 'outboxDead', at: now.toISOString(), data: JSON.stringify({ legId: row.id, channel: row.channel, leg: row.leg, error }) })
      .execute();
  }

  /** Legs of one case, or all legs in a state (admins and dispatchers watch dead ones). */
  async list(ctx: ServiceContext, filter: { recordId?: string; status?: LegStatus; limit?: number }): Promise<OutboxLeg[]> {
    this.requireAdmin(ctx);
    let q = this.deps.db.selectFrom('outbox').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.limit ?? 100);
    if (filter.recordId) q = q.where('record_id', '=', filter.recordId);
    if (filter.status) q = q.where('status', '=', filter.status);
    const rows = await q.execute();
    const due = await this.nextAttempts(rows.map((r) => r.id));
    return rows.map((r) => legFromRow(r, due.get(r.id) ?? null));
  }

  /**
   * Retry now: a failed leg's next attempt moves to now; a dead leg is queued again with one more
   * attempt allowed (failing again makes it dead again, with a new alarm). Audited.
   */
  async retry(ctx: ServiceContext, id: string): Promise<OutboxLeg> {
    this.requireAdmin(ctx);
    const row = await this.deps.db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(t(ctx.lang, 'outbox.legNotFound', { id }));
    const notRetryable = () => {
      const message = t(ctx.lang, 'outbox.notRetryable', { id, status: row.status });
      return new ConflictError(message, [{ path: '/id', message, code: 'notRetryable' }]);
    };
    if (row.status !== 'failed' && row.status !== 'dead') throw notRetryable();
    const now = this.deps.now();
    const iso = now.toISOString();
    const maxAttempts = row.status === 'dead' ? Math.max(Number(row.max_attempts), Number(row.attempts) + 1) : Number(row.max_attempts);
    await this.deps.db.transaction().execute(async (trx) => {
      // Only from the state we saw: a delivery that finished meanwhile wins.
      const moved = await trx
        .updateTable('outbox')
        .set({ status: 'pending', max_attempts: maxAttempts, updated_at: iso })
        .where('id', '=', id)
        .where('status', '=', row.status)
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) !== 1) throw notRetryable();
      await scheduleJob(trx, { kind: OUTBOX_DELIVER, dueAt: now, payload: { legId: id }, key: `outbox:${id}` }, now);
      await this.deps.audit?.(trx, [
        {
          actorId: ctx.actor?.id ?? null,
          action: 'outbox.retry',
          subjectType: 'OutboxLeg',
          subjectId: id,
          diff: { changed: { status: { before: row.status, after: 'pending' }, maxAttempts: { before: Number(row.max_attempts), after: maxAttempts } }, recordId: row.record_id, channel: row.channel, leg: row.leg },
          requestId: ctx.requestId ?? null,
          ip: ctx.ip ?? null,
        },
      ]);
    });
    const [leg] = await this.list(ctx, { recordId: row.record_id }).then((legs) => legs.filter((l) => l.id === id));
    return leg;
  }

  private requireAdmin(ctx: ServiceContext): void {
    if (ctx.ability && !ctx.ability.can('configure', 'Config')) throw new ForbiddenError(t(ctx.lang, 'forbidden.action', { action: 'configure', entity: 'Config' }));
  }

  /** Due times of the queued delivery jobs of these legs. */
  private async nextAttempts(ids: string[]): Promise<Map<string, string>> {
    if (!ids.length) return new Map();
    const jobs = await this.deps.db
      .selectFrom('job')
      .select(['key', 'due_at'])
      .where('kind', '=', OUTBOX_DELIVER)
      .where('status', '=', 'pending')
      .where('key', 'in', ids.map((id) => `outbox:${id}`))
      .execute();
    return new Map(jobs.map((j) => [String(j.key).slice('outbox:'.length), String(j.due_at)]));
  }
}

function legFromRow(r: Record<string, any>, nextAttemptAt: string | null): OutboxLeg {
  return {
    id: r.id,
    entity: r.entity,
    recordId: r.record_id,
    channel: r.channel,
    leg: r.leg,
    trigger: r.trigger,
    status: r.status,
    attempts: Number(r.attempts),
    maxAttempts: Number(r.max_attempts),
    lastError: r.last_error ?? null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    sentAt: r.sent_at ?? null,
    nextAttemptAt: r.status === 'sent' || r.status === 'dead' ? null : nextAttemptAt,
  };
}
