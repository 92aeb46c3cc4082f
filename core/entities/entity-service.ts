import type { Expression, Kysely, SqlBool } from 'kysely';
import { accessibleWhere } from '../access/ability-sql';
import type { AppAbility } from '../access/app-ability';
import { readableRecord } from '../access/read-fields';
import { recordSubject, type RecordAccessFields } from '../access/subject-object';
import type { AuditEntryInput } from '../audit';
import { diffRecords } from '../audit';
import type { GridworkDialect } from '../db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ErrorIssue } from '../errors';
import { ajvIssues } from '../config';
import { t, type Lang } from '../i18n';
import type { OrgDirectory } from '../org';
import { subtreeBounds } from '../org';
import type { CompiledEntity, EntityRegistry } from './entity-registry';
import { SYSTEM_COLUMNS } from './field-columns';
import {
  DEFAULT_PAGE,
  MAX_PAGE,
  decodeCursor,
  encodeCursor,
  filterExpressions,
  keysetExpression,
  queryableColumn,
  searchExpression,
  type ListQuery,
} from './list-query';
import { decodeRow, encodeData, retiredValues, type EntityRecord } from './record-codec';
import { recordFieldMap } from './record-fields';
import { newRecordId } from './record-id';
import type { ServiceContext } from './service-context';

export interface CreateInput {
  /**
   * The unit the record belongs to. May be left out for an entity with before-create hooks that
   * decide it (geo routing of cases); otherwise required.
   */
  orgUnitId?: string;
  data: Record<string, unknown>;
  /** Initial workflow state; defaults to the workflow's initial state. */
  status?: string;
}

export interface UpdateInput {
  /** The version the caller read: the write fails with a conflict if the record moved on. */
  version: number;
  /** Changed fields; null removes a value. */
  data: Record<string, unknown>;
}

export interface ListResult {
  items: EntityRecord[];
  nextCursor: string | null;
}

/** Rolls the create transaction back; the denial is then logged and thrown as a 403. */
class CreateDenied extends Error {}

const fieldRestrictions = new WeakMap<AppAbility, Map<string, boolean>>();

/** Whether any read rule of this ability for the subject names fields (cached per ability). */
function restrictsFields(ability: AppAbility, subjectType: string): boolean {
  let bySubject = fieldRestrictions.get(ability);
  if (!bySubject) fieldRestrictions.set(ability, (bySubject = new Map()));
  let result = bySubject.get(subjectType);
  if (result === undefined) {
    // possibleRulesFor, not rulesFor: the latter leaves out `cannot` rules that name fields.
    result = ability.possibleRulesFor('read', subjectType).some((r) => r.fields);
    bySubject.set(subjectType, result);
  }
  return result;
}

/** Runs in the creating transaction after records are inserted (the workflow starts here). */
export type CreateHook = (trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, records: EntityRecord[]) => Promise<void>;

/** A write as hooks see it: the records as written (create/update) or as they were (delete). */
export interface WriteEvent {
  op: 'create' | 'update' | 'delete';
  entity: CompiledEntity;
  records: EntityRecord[];
  /** update/delete: the records before the write. */
  before?: EntityRecord[];
}

/**
 * Runs in the write's transaction, before the rows change (`before`) or after (`after`). A throw
 * rolls the whole write back; plugins use these through the plugin SDK.
 */
export type WriteHook = (trx: Kysely<any>, ctx: ServiceContext, event: WriteEvent) => Promise<void>;

/** A record about to be inserted: before-create hooks may set its unit and adjust its data. */
export interface CreateDraft {
  id: string;
  orgUnitId?: string;
  /** Validated data; a hook that changes it keeps it valid (e.g. converts coordinates). */
  data: Record<string, unknown>;
  /** What hooks decided, for the hooks that run after the insert (e.g. the routing reason). */
  notes: Record<string, unknown>;
}

/** Runs in the creating transaction before the insert and before the unit's permission check. */
export type BeforeCreateHook = (trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, drafts: CreateDraft[]) => Promise<void>;

/** Runs in the creating transaction after the insert and the workflow start, with the drafts. */
export type AfterCreateHook = (trx: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, records: EntityRecord[], drafts: CreateDraft[]) => Promise<void>;

/** Appends audit entries inside the caller's transaction (the runtime wires the audit log in). */
export type AuditSink = (db: Kysely<any>, entries: AuditEntryInput[]) => Promise<void>;

/** Largest JSON size of one record's data: a case with a long text, not a file smuggled inline. */
export const MAX_RECORD_BYTES = 256 * 1024;

/**
 * Create, read, list, update and soft-delete records of any configured entity. Every write is
 * validated against the entity's JSON Schema; every read goes through `scopedQuery`.
 */
export class EntityService {
  constructor(
    private readonly db: Kysely<any>,
    private readonly dialect: GridworkDialect,
    readonly registry: EntityRegistry,
    private readonly org: OrgDirectory,
    private readonly now: () => Date = () => new Date(),
    private readonly audit: AuditSink = async () => {},
  ) {}

  private createHook?: CreateHook;
  private readonly beforeCreateHooks: BeforeCreateHook[] = [];
  private readonly afterCreateHooks: AfterCreateHook[] = [];

  /** Set once by the runtime: the workflow engine reacts to new records in their transaction. */
  onCreate(hook: CreateHook): void {
    this.createHook = hook;
  }

  private readonly beforeWriteHooks: WriteHook[] = [];
  private readonly afterWriteHooks: WriteHook[] = [];

  /** Appends a hook that runs in each write's transaction before the rows change. */
  onBeforeWrite(hook: WriteHook): void {
    this.beforeWriteHooks.push(hook);
  }

  /** Appends a hook that runs in each write's transaction after the rows changed. */
  onAfterWrite(hook: WriteHook): void {
    this.afterWriteHooks.push(hook);
  }

  private async runWriteHooks(hooks: WriteHook[], trx: Kysely<any>, ctx: ServiceContext, event: WriteEvent): Promise<void> {
    for (const hook of hooks) await hook(trx, ctx, event);
  }

  /** Appends a step that runs before new records are inserted (in order of registration). */
  beforeCreate(hook: BeforeCreateHook): void {
    this.beforeCreateHooks.push(hook);
  }

  /** Appends a step that runs after new records are inserted and started (same transaction). */
  afterCreate(hook: AfterCreateHook): void {
    this.afterCreateHooks.push(hook);
  }

  /**
   * The one place reads start: live rows of the entity, narrowed in SQL by what the actor may
   * read. Lists, counts, single gets, exports and aggregates all begin here.
   */
  scopedQuery(ctx: ServiceContext, entity: CompiledEntity, db: Kysely<any> = this.db) {
    const qb = db.selectFrom(entity.table).where(SYSTEM_COLUMNS.deletedAt, 'is', null);
    if (!ctx.ability) return qb;
    return qb.where(accessibleWhere(ctx.ability, 'read', entity.subject, recordFieldMap(entity)));
  }

  async create(ctx: ServiceContext, entityName: string, input: CreateInput): Promise<EntityRecord> {
    const [record] = await this.createMany(ctx, entityName, [input]);
    return record;
  }

  /**
   * Creates a record inside the caller's transaction (a job handler, a plugin's own write): it
   * commits or rolls back with the caller's other writes.
   */
  async createWithin(trx: Kysely<any>, ctx: ServiceContext, entityName: string, input: CreateInput): Promise<EntityRecord> {
    const [record] = await this.createMany(ctx, entityName, [input], trx);
    return record;
  }

  /** Validates every item first; writes all of them in one transaction (the caller's, if given) or none. */
  async createMany(ctx: ServiceContext, entityName: string, inputs: CreateInput[], within?: Kysely<any>): Promise<EntityRecord[]> {
    const entity = this.registry.get(entityName, ctx.lang);
    const stamp = this.now();
    const iso = stamp.toISOString();
    const issues: ErrorIssue[] = [];
    const drafts: CreateDraft[] = [];
    const prefixOf = (i: number) => (inputs.length > 1 ? `/${i}` : '');
    inputs.forEach((input, i) => {
      const data = this.checkData(entity, structuredClone(input.data ?? {}), ctx.lang, prefixOf(i), issues);
      if (input.orgUnitId !== undefined && !this.org.get(input.orgUnitId)) this.unknownUnit(ctx, issues, prefixOf(i), input.orgUnitId);
      if (data) drafts.push({ id: newRecordId(stamp.getTime()), orgUnitId: input.orgUnitId, data, notes: {} });
    });
    if (issues.length) throw new ValidationError(t(ctx.lang, 'validation.failed', { count: issues.length }), issues);
    let denied = false;
    let records: EntityRecord[] = [];
    const transact = <T>(fn: (trx: Kysely<any>) => Promise<T>) => (within ? fn(within) : this.db.transaction().execute(fn));
    try {
      await transact(async (trx) => {
        for (const hook of this.beforeCreateHooks) await hook(trx, ctx, entity, drafts);
        const rows = this.draftRows(ctx, entity, drafts, inputs, iso);
        records = rows.map((row) => decodeRow(entity, row));
        const event: WriteEvent = { op: 'create', entity, records };
        await this.runWriteHooks(this.beforeWriteHooks, trx, ctx, event);
        const perRow = Object.keys(rows[0] ?? {}).length || 1;
        const batch = Math.max(1, Math.min(500, Math.floor(this.dialect.maxParameters / perRow)));
        for (let i = 0; i < rows.length; i += batch) {
          await trx.insertInto(entity.table).values(rows.slice(i, i + batch)).execute();
        }
        await this.createHook?.(trx, ctx, entity, records);
        for (const hook of this.afterCreateHooks) await hook(trx, ctx, entity, records, drafts);
        await this.runWriteHooks(this.afterWriteHooks, trx, ctx, event);
        // The audit append takes the chain lock until commit: keep it the transaction's last step.
        await this.audit(
          trx,
          records.map((r) => this.auditEntry(ctx, entity, 'create', r.id, undefined, r.data)),
        );
      });
    } catch (e) {
      if (!(e instanceof CreateDenied)) throw e;
      denied = true;
    }
    // Logged outside the rolled-back transaction (SQLite has one connection).
    if (denied) throw await this.forbidden(ctx, entity, 'create', undefined);
    return records;
  }

  /** Rows for the drafts once hooks have run: every unit known, every unit permitted. */
  private draftRows(ctx: ServiceContext, entity: CompiledEntity, drafts: CreateDraft[], inputs: CreateInput[], iso: string) {
    const issues: ErrorIssue[] = [];
    const rows: Record<string, unknown>[] = [];
    drafts.forEach((draft, i) => {
      const prefix = drafts.length > 1 ? `/${i}` : '';
      const unit = draft.orgUnitId === undefined ? undefined : this.org.get(draft.orgUnitId);
      if (!unit) {
        if (draft.orgUnitId === undefined) {
          issues.push({ path: `${prefix}/orgUnitId`, message: t(ctx.lang, 'validation.unitRequired'), code: 'required' });
        } else this.unknownUnit(ctx, issues, prefix, draft.orgUnitId);
        return;
      }
      if (ctx.ability) {
        const probe = { id: '', entity: entity.name, orgUnitId: unit.id, status: null, version: 0, schemaVersion: 0, createdAt: '', createdBy: ctx.actor?.id ?? null, updatedAt: '', updatedBy: null, data: draft.data };
        if (!ctx.ability.can('create', recordSubject(entity, probe, { orgPath: unit.path, assignedUnitIds: [], assignedUserIds: [] }))) throw new CreateDenied();
      }
      rows.push({
        id: draft.id,
        org_unit_id: unit.id,
        org_path: unit.path,
        status: inputs[i]?.status ?? entity.workflow?.initial ?? null,
        version: 1,
        schema_version: entity.version,
        created_at: iso,
        created_by: ctx.actor?.id ?? null,
        updated_at: iso,
        updated_by: ctx.actor?.id ?? null,
        deleted_at: null,
        ...encodeData(entity, draft.data),
      });
    });
    if (issues.length) throw new ValidationError(t(ctx.lang, 'validation.failed', { count: issues.length }), issues);
    return rows;
  }

  private unknownUnit(ctx: ServiceContext, issues: ErrorIssue[], prefix: string, unit: string) {
    issues.push({ path: `${prefix}/orgUnitId`, message: t(ctx.lang, 'validation.unknownUnit', { unit }), code: 'unknownUnit' });
  }

  async get(ctx: ServiceContext, entityName: string, id: string): Promise<EntityRecord> {
    const entity = this.registry.get(entityName, ctx.lang);
    const row = await this.readRow(ctx, entity, id);
    return (await this.readable(ctx, entity, [row]))[0];
  }

  /** A row the actor may read; a row that exists outside their scope is a (logged) 403. */
  private async readRow(ctx: ServiceContext, entity: CompiledEntity, id: string): Promise<Record<string, any>> {
    const row = await this.scopedQuery(ctx, entity).selectAll().where('id', '=', id).executeTakeFirst();
    if (row) return row;
    if (ctx.ability) {
      const exists = await this.db.selectFrom(entity.table).select('id').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      if (exists) throw await this.forbidden(ctx, entity, 'read', id);
    }
    throw this.notFound(ctx, entity, id);
  }

  /** Decoded records with the fields the actor may not read removed or masked. */
  private async readable(ctx: ServiceContext, entity: CompiledEntity, rows: Record<string, any>[]): Promise<EntityRecord[]> {
    const records = rows.map((row) => decodeRow(entity, row));
    // Without a rule that limits fields, every row is readable whole: no per-row work needed.
    if (!ctx.ability || !rows.length || !restrictsFields(ctx.ability, entity.subject)) return records;
    const access = await this.accessFields(entity, rows);
    return records.map((r) => readableRecord(ctx.ability!, entity, r, access.get(r.id)!));
  }

  private async accessFields(entity: CompiledEntity, rows: Record<string, any>[], db: Kysely<any> = this.db): Promise<Map<string, RecordAccessFields>> {
    const out = new Map<string, RecordAccessFields>(rows.map((r) => [r.id, { orgPath: r.org_path, assignedUnitIds: [], assignedUserIds: [] }]));
    const assigned = await db
      .selectFrom('record_assignment')
      .select(['record_id', 'unit_id', 'user_id'])
      .where('entity', '=', entity.name)
      .where('record_id', 'in', [...out.keys()])
      .execute();
    for (const a of assigned) {
      const fields = out.get(a.record_id)!;
      if (a.unit_id) fields.assignedUnitIds.push(a.unit_id);
      if (a.user_id) fields.assignedUserIds.push(a.user_id);
    }
    return out;
  }

  /**
   * The whole record (no field masking) if the actor may read it: for engines that decide on its
   * data (workflow guards) before writing. Same 403/404 as get().
   */
  async getForWrite(ctx: ServiceContext, entityName: string, id: string): Promise<EntityRecord> {
    const entity = this.registry.get(entityName, ctx.lang);
    return decodeRow(entity, await this.readRow(ctx, entity, id));
  }

  /** A record the caller already holds, as this actor may see it (masking without a re-read). */
  async present(ctx: ServiceContext, entityName: string, record: EntityRecord): Promise<EntityRecord> {
    const entity = this.registry.get(entityName, ctx.lang);
    if (!ctx.ability || !restrictsFields(ctx.ability, entity.subject)) return record;
    const unit = this.org.get(record.orgUnitId);
    const access = (await this.accessFields(entity, [{ id: record.id, org_path: unit?.path ?? '' }])).get(record.id)!;
    return readableRecord(ctx.ability, entity, record, access);
  }

  /** A record with the values of fields removed in later schema versions (history, export). */
  async getWithRetired(ctx: ServiceContext, entityName: string, id: string): Promise<EntityRecord & { retired: Record<string, unknown> }> {
    const entity = this.registry.get(entityName, ctx.lang);
    const row = await this.readRow(ctx, entity, id);
    const [record] = await this.readable(ctx, entity, [row]);
    // Retired values are whole fields the current schema no longer has: only a reader of every
    // field (no masked fields) sees them.
    return { ...record, retired: 'maskedFields' in record ? {} : retiredValues(row) };
  }

  async list(ctx: ServiceContext, entityName: string, query: ListQuery = {}): Promise<ListResult> {
    const entity = this.registry.get(entityName, ctx.lang);
    const limit = Math.max(1, Math.min(MAX_PAGE, Math.floor(query.limit ?? DEFAULT_PAGE)));
    const sortField = query.sort?.field ?? 'createdAt';
    const dir = query.sort?.dir ?? 'desc';
    const sort = queryableColumn(entity, sortField, ctx.lang);
    const cursor = query.cursor ? decodeCursor(query.cursor, ctx.lang) : undefined;
    const rows = await this.filtered(ctx, entity, query)
      .selectAll()
      .$if(!!cursor, (qb) => qb.where((eb) => keysetExpression(eb, sort.column, sort.nullable, dir, cursor!, this.dialect)))
      .orderBy(sort.column, dir)
      .$if(sort.column !== 'id', (qb) => qb.orderBy('id', dir))
      .limit(limit + 1)
      .execute();
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await this.readable(ctx, entity, page),
      nextCursor: rows.length > limit && last ? encodeCursor({ value: last[sort.column] ?? null, id: last.id }) : null,
    };
  }

  async count(ctx: ServiceContext, entityName: string, query: Omit<ListQuery, 'sort' | 'cursor' | 'limit'> = {}): Promise<number> {
    const entity = this.registry.get(entityName, ctx.lang);
    const row = await this.filtered(ctx, entity, query)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Record counts per value of a queryable field (status, category…), through the same scope. */
  async countBy(
    ctx: ServiceContext,
    entityName: string,
    field: string,
    query: Omit<ListQuery, 'sort' | 'cursor' | 'limit'> = {},
  ): Promise<{ value: unknown; count: number }[]> {
    const entity = this.registry.get(entityName, ctx.lang);
    const { column } = queryableColumn(entity, field, ctx.lang);
    const rows = await this.filtered(ctx, entity, query)
      .select((eb) => [eb.ref(column).as('value'), eb.fn.countAll<number>().as('n')])
      .groupBy(column)
      .orderBy('n', 'desc')
      .execute();
    return rows.map((r) => ({ value: r.value ?? null, count: Number(r.n) }));
  }

  /** The compiled SQL of a list query, for plan inspection in tests and diagnostics. */
  listSql(ctx: ServiceContext, entityName: string, query: ListQuery = {}) {
    const entity = this.registry.get(entityName, ctx.lang);
    const sort = queryableColumn(entity, query.sort?.field ?? 'createdAt', ctx.lang);
    const dir = query.sort?.dir ?? 'desc';
    return this.filtered(ctx, entity, query)
      .selectAll()
      .orderBy(sort.column, dir)
      .orderBy('id', dir)
      .limit(Math.min(MAX_PAGE, query.limit ?? DEFAULT_PAGE) + 1)
      .compile();
  }

  async update(ctx: ServiceContext, entityName: string, id: string, input: UpdateInput): Promise<EntityRecord> {
    const entity = this.registry.get(entityName, ctx.lang);
    const row = await this.readRow(ctx, entity, id);
    const current = decodeRow(entity, row);
    if (current.version !== input.version) throw this.stale(ctx, current.version, input.version);
    if (ctx.ability) {
      const subj = recordSubject(entity, current, (await this.accessFields(entity, [row])).get(id)!);
      const fields = Object.keys(input.data ?? {});
      if (!ctx.ability.can('update', subj) || fields.some((f) => !ctx.ability!.can('update', subj, f))) {
        throw await this.forbidden(ctx, entity, 'update', id);
      }
    }
    const merged: Record<string, unknown> = { ...current.data };
    for (const [key, value] of Object.entries(input.data ?? {})) {
      if (value === null) delete merged[key];
      else merged[key] = value;
    }
    const issues: ErrorIssue[] = [];
    const data = this.checkData(entity, merged, ctx.lang, '', issues);
    if (!data) throw new ValidationError(t(ctx.lang, 'validation.failed', { count: issues.length }), issues);
    const iso = this.now().toISOString();
    const updated = { ...current, data, version: input.version + 1, updatedAt: iso, updatedBy: ctx.actor?.id ?? null };
    await this.db.transaction().execute(async (trx) => {
      const event: WriteEvent = { op: 'update', entity, records: [updated], before: [current] };
      await this.runWriteHooks(this.beforeWriteHooks, trx, ctx, event);
      const result = await trx
        .updateTable(entity.table)
        .set({ ...encodeData(entity, data), version: input.version + 1, updated_at: iso, updated_by: ctx.actor?.id ?? null })
        .where('id', '=', id)
        .where('version', '=', input.version)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) await this.explainMissedWrite(trx, ctx, entity, id, input.version);
      await this.runWriteHooks(this.afterWriteHooks, trx, ctx, event);
      await this.audit(trx, [this.auditEntry(ctx, entity, 'update', id, current.data, data)]);
    });
    return (await this.readable(ctx, entity, [{ ...row, ...encodeData(entity, data), version: updated.version, updated_at: iso, updated_by: updated.updatedBy }]))[0];
  }

  /** Soft delete: the row stays (audit, history, references) but no read returns it. */
  async delete(ctx: ServiceContext, entityName: string, id: string, version: number): Promise<void> {
    const entity = this.registry.get(entityName, ctx.lang);
    const row = await this.readRow(ctx, entity, id);
    const current = decodeRow(entity, row);
    if (current.version !== version) throw this.stale(ctx, current.version, version);
    if (ctx.ability && !ctx.ability.can('delete', recordSubject(entity, current, (await this.accessFields(entity, [row])).get(id)!))) {
      throw await this.forbidden(ctx, entity, 'delete', id);
    }
    const iso = this.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const event: WriteEvent = { op: 'delete', entity, records: [current], before: [current] };
      await this.runWriteHooks(this.beforeWriteHooks, trx, ctx, event);
      const result = await trx
        .updateTable(entity.table)
        .set({ deleted_at: iso, version: version + 1, updated_at: iso, updated_by: ctx.actor?.id ?? null })
        .where('id', '=', id)
        .where('version', '=', version)
        .where('deleted_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) await this.explainMissedWrite(trx, ctx, entity, id, version);
      await this.runWriteHooks(this.afterWriteHooks, trx, ctx, event);
      await this.audit(trx, [this.auditEntry(ctx, entity, 'delete', id, current.data, undefined)]);
    });
  }

  /** The audit entry of a write: the changed fields, personal data masked. */
  private auditEntry(ctx: ServiceContext, entity: CompiledEntity, action: string, id: string, before: Record<string, unknown> | undefined, after: Record<string, unknown> | undefined): AuditEntryInput {
    const pii = Object.fromEntries(entity.columns.filter((c) => c.pii).map((c) => [c.field, c.pii!]));
    return {
      actorId: ctx.actor?.id ?? null,
      action,
      subjectType: entity.name,
      subjectId: id,
      diff: diffRecords(before, after, pii),
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
    };
  }

  /** A denial is an event worth keeping: logged in the audit, then thrown as a 403. */
  private async forbidden(ctx: ServiceContext, entity: CompiledEntity, action: string, id: string | undefined): Promise<ForbiddenError> {
    const message = t(ctx.lang, 'forbidden.action', { action, entity: entity.name });
    await this.db.transaction().execute((trx) =>
      this.audit(trx, [{ actorId: ctx.actor?.id ?? null, action: 'denied', subjectType: entity.name, subjectId: id ?? null, diff: { attempted: action }, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null }]),
    );
    return new ForbiddenError(message);
  }

  private filtered(ctx: ServiceContext, entity: CompiledEntity, query: Omit<ListQuery, 'sort' | 'cursor' | 'limit'>) {
    return this.scopedQuery(ctx, entity).where((eb) => {
      const parts: Expression<SqlBool>[] = filterExpressions(eb, entity, query.filter ?? {}, ctx.lang);
      if (query.where) parts.push(query.where(eb, entity.table));
      if (query.search) {
        const search = searchExpression(eb, entity, query.search, this.dialect);
        if (search) parts.push(search);
      }
      if (query.orgUnit) {
        const unit = this.org.get(query.orgUnit);
        if (!unit) {
          throw new ValidationError(t(ctx.lang, 'validation.unknownUnit', { unit: query.orgUnit }), [
            { path: '/orgUnit', message: t(ctx.lang, 'validation.unknownUnit', { unit: query.orgUnit }), code: 'unknownUnit' },
          ]);
        }
        const [lower, upper] = subtreeBounds(unit.path);
        parts.push(eb.and([eb('org_path', '>=', lower), eb('org_path', '<', upper)]));
      }
      return eb.and(parts);
    });
  }

  /** Unknown fields, oversized data and schema violations, each as a field issue; undefined if any. */
  private checkData(entity: CompiledEntity, data: Record<string, unknown>, lang: Lang, prefix: string, issues: ErrorIssue[]) {
    const before = issues.length;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      issues.push({ path: `${prefix}/data`, message: t(lang, 'validation.failed', { count: 1 }), code: 'type' });
      return undefined;
    }
    for (const key of Object.keys(data)) {
      if (!entity.byField.has(key)) issues.push({ path: `${prefix}/${key}`, message: t(lang, 'validation.unknownField', { field: key }), code: 'unknownField' });
    }
    const size = Buffer.byteLength(JSON.stringify(data));
    if (size > MAX_RECORD_BYTES) issues.push({ path: `${prefix}/`, message: t(lang, 'validation.tooLarge', { limit: MAX_RECORD_BYTES }), code: 'tooLarge' });
    if (issues.length === before && !entity.validate(data)) {
      issues.push(...ajvIssues(entity.validate.errors, lang).map((i) => ({ ...i, path: `${prefix}${i.path === '/' ? '' : i.path}` || '/' })));
    }
    return issues.length === before ? data : undefined;
  }

  private async explainMissedWrite(db: Kysely<any>, ctx: ServiceContext, entity: CompiledEntity, id: string, version: number): Promise<never> {
    // Inside the write's transaction: SQLite has one connection, so this.db would wait forever.
    const row = await db.selectFrom(entity.table).select(['version']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!row) throw this.notFound(ctx, entity, id);
    throw this.stale(ctx, Number(row.version), version);
  }

  private stale(ctx: ServiceContext, current: number, given: number) {
    const message = t(ctx.lang, 'conflict.staleVersion', { current, given });
    return new ConflictError(message, [{ path: '/version', message, code: 'staleVersion' }]);
  }

  private notFound(ctx: ServiceContext, entity: CompiledEntity, id: string) {
    return new NotFoundError(t(ctx.lang, 'notFound.record', { entity: entity.name, id }));
  }
}
