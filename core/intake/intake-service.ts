import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { canonicalJson } from '../audit';
import { channelEntity, type Channel, type DistrictBundle } from '../config';
import type { AfterCreateHook, EntityRecord, EntityService, ServiceContext } from '../entities';
import { ConflictError, ForbiddenError, isGridworkError, NotFoundError, UnauthorizedError, ValidationError, type ErrorIssue } from '../errors';
import { t, type Lang } from '../i18n';
import { verifyChannelKey } from './api-keys';
import type { ChannelRegistry } from './channel-registry';
import { mapPayload } from './payload-mapping';

export interface IntakeDeps {
  db: Kysely<any>;
  bundle: DistrictBundle;
  channels: ChannelRegistry;
  entities: EntityService;
  now: () => Date;
}

/** What a channel post answers: the HTTP status and JSON body (stored for idempotent replays). */
export interface IntakeResult {
  status: number;
  body: Record<string, unknown>;
  replayed: boolean;
}

export interface ReceiveInput {
  channel: string;
  apiKey?: string;
  idempotencyKey?: string | null;
  /** The raw request body (JSON text). */
  body: string;
  lang: Lang;
  requestId?: string;
}

export interface DeadLetter {
  id: string;
  channel: string;
  payload: unknown;
  issues: ErrorIssue[];
  status: 'open' | 'replaying' | 'resolved';
  attempts: number;
  recordId: string | null;
  createdAt: string;
  updatedAt: string;
  resolvedBy: string | null;
}

/** An idempotency slot taken by this request (and the dead letter an earlier attempt left). */
interface Claim {
  /** The intake_request row (absent when an admin replays a dead letter). */
  id?: string;
  deadLetterId?: string;
  /** Who resolves the dead letter (the replaying admin; else the channel). */
  resolvedBy?: string;
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

/**
 * Cases arriving from outside: authenticates the channel, maps its payload, creates the case as
 * the channel (routing happens inside create), makes retries idempotent and keeps every rejected
 * payload as a dead letter an admin can replay once the mapping is fixed.
 */
export class IntakeService {
  /** Claims of posts being created, by their service context (read by settleClaim). */
  private readonly claims = new WeakMap<ServiceContext, Claim>();

  constructor(private readonly deps: IntakeDeps) {}

  /** The channel behind an endpoint: 404 for an unknown or internal one, 401 for a bad key. */
  async authenticate(channelKey: string, apiKey: string | undefined, lang: Lang, protocol: 'rest' | 'open311' = 'rest'): Promise<Channel> {
    const channel = this.deps.channels.get(channelKey);
    if (!channel || channel.kind !== 'external' || (channel.protocol ?? 'rest') !== protocol) {
      throw new NotFoundError(t(lang, 'intake.unknownChannel', { channel: channelKey }));
    }
    if (!(await verifyChannelKey(this.deps.db, channel.key, apiKey))) throw new UnauthorizedError(t(lang, 'intake.badKey', { channel: channel.key }));
    return channel;
  }

  async receive(input: ReceiveInput): Promise<IntakeResult> {
    const { lang } = input;
    const channel = await this.authenticate(input.channel, input.apiKey, lang);
    const payload = parsePayload(input.body, lang);
    const key = input.idempotencyKey ?? undefined;
    if (key === undefined) return this.process(channel, payload, lang, input.requestId);
    if (!IDEMPOTENCY_KEY.test(key)) {
      const message = t(lang, 'intake.badIdempotencyKey');
      throw new ValidationError(message, [{ path: 'Idempotency-Key', message, code: 'badIdempotencyKey' }]);
    }
    const bodyHash = createHash('sha256').update(canonicalJson(payload) ?? '').digest('hex');
    const claim = await this.claim(channel.key, key, bodyHash, lang);
    if ('result' in claim) return claim.result;
    const result = await this.process(channel, payload, lang, input.requestId, claim).catch(async (e) => {
      // Unexpected failure: release the claim so the sender's retry is processed afresh.
      await this.deps.db.updateTable('intake_request').set({ status: 'rejected', updated_at: this.iso() }).where('id', '=', claim.id!).execute();
      throw e;
    });
    // A created case's claim was settled inside its transaction (settleClaim); a rejection's here.
    if (result.status !== 201) {
      await this.deps.db
        .updateTable('intake_request')
        .set({ status: 'rejected', http_status: result.status, response: JSON.stringify(result.body), dead_letter_id: (result.body.deadLetterId as string | undefined) ?? null, updated_at: this.iso() })
        .where('id', '=', claim.id!)
        .execute();
    }
    return result;
  }

  /**
   * An after-create hook (registered by the runtime): the idempotency record and the dead letter
   * a post resolves commit in the case's own transaction, so a crash can never leave a case whose
   * retry would create a second one.
   */
  settleClaim(): AfterCreateHook {
    return async (trx, ctx, _entity, records) => {
      const claim = this.claims.get(ctx);
      if (!claim || records.length !== 1) return;
      const iso = this.iso();
      if (claim.id) {
        await trx
          .updateTable('intake_request')
          .set({ status: 'created', http_status: 201, response: JSON.stringify(this.bodyOf(records[0])), record_id: records[0].id, updated_at: iso })
          .where('id', '=', claim.id)
          .execute();
      }
      if (claim.deadLetterId) {
        await trx
          .updateTable('dead_letter')
          .set({ status: 'resolved', record_id: records[0].id, resolved_by: claim.resolvedBy ?? ctx.actor?.id ?? null, updated_at: iso })
          .where('id', '=', claim.deadLetterId)
          .execute();
      }
    };
  }

  /**
   * Takes the (channel, key) slot. A finished request answers with its stored response; the same
   * key with another body is a 409; a rejected one is tried again (its mapping may be fixed now).
   */
  private async claim(channel: string, key: string, bodyHash: string, lang: Lang): Promise<Claim | { result: IntakeResult }> {
    const iso = this.iso();
    const id = randomUUID();
    const inserted = await this.deps.db
      .insertInto('intake_request')
      .values({ id, channel, idempotency_key: key, body_hash: bodyHash, status: 'pending', created_at: iso, updated_at: iso })
      .onConflict((oc) => oc.columns(['channel', 'idempotency_key']).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1) return { id };
    const row = await this.deps.db.selectFrom('intake_request').selectAll().where('channel', '=', channel).where('idempotency_key', '=', key).executeTakeFirstOrThrow();
    if (row.body_hash !== bodyHash) throw new ConflictError(t(lang, 'intake.idempotencyMismatch', { key }), [{ path: 'Idempotency-Key', message: t(lang, 'intake.idempotencyMismatch', { key }), code: 'idempotencyMismatch' }]);
    if (row.status === 'created') return { result: { status: Number(row.http_status), body: JSON.parse(row.response), replayed: true } };
    if (row.status === 'rejected') {
      // The dead letter may have been replayed by an admin meanwhile: then the case exists.
      const letter = row.dead_letter_id ? await this.deps.db.selectFrom('dead_letter').selectAll().where('id', '=', row.dead_letter_id).executeTakeFirst() : undefined;
      if (letter?.status === 'resolved' && letter.record_id) {
        const body = await this.createdBody(channel, letter.record_id);
        await this.deps.db.updateTable('intake_request').set({ status: 'created', http_status: 201, response: JSON.stringify(body), record_id: letter.record_id, updated_at: iso }).where('id', '=', row.id).execute();
        return { result: { status: 201, body, replayed: true } };
      }
      const retaken = await this.deps.db.updateTable('intake_request').set({ status: 'pending', updated_at: iso }).where('id', '=', row.id).where('status', '=', 'rejected').executeTakeFirst();
      if (Number(retaken.numUpdatedRows) === 1) return { id: row.id, deadLetterId: row.dead_letter_id ?? undefined };
    }
    throw new ConflictError(t(lang, 'intake.idempotencyPending', { key }), [{ path: 'Idempotency-Key', message: t(lang, 'intake.idempotencyPending', { key }), code: 'idempotencyPending' }]);
  }

  /** Maps and creates; a mapping or validation failure becomes a 400 with a dead letter. */
  private async process(channel: Channel, payload: Record<string, unknown>, lang: Lang, requestId?: string, claim?: Claim): Promise<IntakeResult> {
    try {
      const record = await this.createCase(channel, payload, lang, requestId, claim);
      return { status: 201, body: this.bodyOf(record), replayed: false };
    } catch (e) {
      if (!(isGridworkError(e) && e.kind === 'validation')) throw e;
      const letterId = await this.keepLetter(channel.key, payload, e.issues, claim?.deadLetterId);
      return { status: 400, body: { error: { code: 'validation', message: e.message, issues: e.issues }, deadLetterId: letterId }, replayed: false };
    }
  }

  /** Maps the payload and creates the case as the channel; issues name the sender's fields. */
  async createCase(channel: Channel, payload: Record<string, unknown>, lang: Lang, requestId?: string, claim?: Claim): Promise<EntityRecord> {
    const entity = this.caseEntity();
    const mapped = mapPayload(payload, channel.mapping, { channel: channel.key, timeZone: this.deps.bundle.district.timeZone, lang });
    if (mapped.issues.length) throw new ValidationError(t(lang, 'validation.failed', { count: mapped.issues.length }), mapped.issues);
    const ctx: ServiceContext = { lang, actor: { id: `channel:${channel.key}` }, requestId };
    if (claim) this.claims.set(ctx, claim);
    try {
      return await this.deps.entities.create(ctx, entity, { data: mapped.data });
    } catch (e) {
      if (!(isGridworkError(e) && e.kind === 'validation') || !mapped.sources.size) throw e;
      const issues = e.issues.map((issue) => {
        const target = [...mapped.sources.keys()].filter((k) => issue.path === k || issue.path.startsWith(`${k}/`) || k.startsWith(`${issue.path}/`)).sort((a, b) => b.length - a.length)[0];
        return target ? { ...issue, path: mapped.sources.get(target)!, message: t(lang, 'intake.fieldInvalid', { field: issue.path, message: issue.message }) } : issue;
      });
      throw new ValidationError(e.message, issues);
    }
  }

  caseEntity(): string {
    return channelEntity(this.deps.bundle.entities)!.name;
  }

  private bodyOf(record: EntityRecord): Record<string, unknown> {
    return { id: record.id, channel: record.data.channel, status: record.status, orgUnitId: record.orgUnitId, createdAt: record.createdAt };
  }

  private async createdBody(channel: string, recordId: string): Promise<Record<string, unknown>> {
    const record = await this.deps.entities.get({ lang: 'en' }, this.caseEntity(), recordId);
    return { ...this.bodyOf(record), channel };
  }

  private async keepLetter(channel: string, payload: unknown, issues: ErrorIssue[], existing?: string): Promise<string> {
    const iso = this.iso();
    if (existing) {
      const updated = await this.deps.db
        .updateTable('dead_letter')
        .set((eb) => ({ issues: JSON.stringify(issues), status: 'open', attempts: eb('attempts', '+', 1), updated_at: iso }))
        .where('id', '=', existing)
        .executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) return existing;
    }
    const id = randomUUID();
    await this.deps.db
      .insertInto('dead_letter')
      .values({ id, channel, payload: JSON.stringify(payload), issues: JSON.stringify(issues), status: 'open', attempts: 1, created_at: iso, updated_at: iso })
      .execute();
    return id;
  }

  private iso(): string {
    return this.deps.now().toISOString();
  }

  // ---- dead letters (admins: the `configure` permission on Config) ----

  private requireAdmin(ctx: ServiceContext): void {
    if (ctx.ability && !ctx.ability.can('configure', 'Config')) {
      throw new ForbiddenError(t(ctx.lang, 'forbidden.action', { action: 'configure', entity: 'Config' }));
    }
  }

  async deadLetters(ctx: ServiceContext, filter: { status?: DeadLetter['status']; channel?: string; limit?: number } = {}): Promise<DeadLetter[]> {
    this.requireAdmin(ctx);
    let q = this.deps.db.selectFrom('dead_letter').selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.limit ?? 100);
    if (filter.status) q = q.where('status', '=', filter.status);
    if (filter.channel) q = q.where('channel', '=', filter.channel);
    return (await q.execute()).map(letterFromRow);
  }

  async deadLetter(ctx: ServiceContext, id: string): Promise<DeadLetter> {
    this.requireAdmin(ctx);
    const row = await this.deps.db.selectFrom('dead_letter').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(t(ctx.lang, 'intake.deadLetterNotFound', { id }));
    return letterFromRow(row);
  }

  /**
   * Runs a dead letter through its channel's current mapping. Success creates the case and
   * resolves the letter; failure keeps it open with the new issues (a ValidationError).
   */
  async replay(ctx: ServiceContext, id: string): Promise<{ letter: DeadLetter; record: EntityRecord }> {
    const letter = await this.deadLetter(ctx, id);
    if (letter.status !== 'open') throw new ConflictError(t(ctx.lang, 'intake.deadLetterResolved', { id }));
    const channel = this.deps.channels.get(letter.channel);
    if (!channel) throw new NotFoundError(t(ctx.lang, 'intake.unknownChannel', { channel: letter.channel }));
    // Claim it first: two admins replaying at once create one case.
    const claimed = await this.deps.db.updateTable('dead_letter').set({ status: 'replaying', updated_at: this.iso() }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw new ConflictError(t(ctx.lang, 'intake.deadLetterResolved', { id }));
    try {
      const record = await this.createCase(channel, letter.payload as Record<string, unknown>, ctx.lang, ctx.requestId, { deadLetterId: id, resolvedBy: ctx.actor?.id ?? 'system' });
      return { letter: { ...letter, status: 'resolved', recordId: record.id, resolvedBy: ctx.actor?.id ?? 'system' }, record };
    } catch (e) {
      const issues = isGridworkError(e) ? e.issues : [];
      await this.deps.db
        .updateTable('dead_letter')
        .set((eb) => ({ status: 'open', issues: issues.length ? JSON.stringify(issues) : eb.ref('issues'), attempts: eb('attempts', '+', 1), updated_at: this.iso() }))
        .where('id', '=', id)
        .execute();
      throw e;
    }
  }
}

function parsePayload(body: string, lang: Lang): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    const message = t(lang, 'validation.badJson', { detail: (e as Error).message });
    throw new ValidationError(message, [{ path: '', message, code: 'badJson' }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const message = t(lang, 'intake.notObject');
    throw new ValidationError(message, [{ path: '', message, code: 'notObject' }]);
  }
  return value as Record<string, unknown>;
}

function letterFromRow(row: Record<string, any>): DeadLetter {
  return {
    id: row.id,
    channel: row.channel,
    payload: JSON.parse(row.payload),
    issues: JSON.parse(row.issues),
    status: row.status,
    attempts: Number(row.attempts),
    recordId: row.record_id ?? null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    resolvedBy: row.resolved_by ?? null,
  };
}
