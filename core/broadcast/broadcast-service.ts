import { subject } from '@casl/ability';
import type { Kysely } from 'kysely';
import { reachUnit } from '../access';
import type { AuditEntryInput } from '../audit';
import type { DistrictBundle } from '../config';
import { newRecordId, type ServiceContext } from '../entities';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors';
import { t } from '../i18n';
import { subtreeBounds, type OrgDirectory, type OrgUnitInfo } from '../org';
import type { EventBus } from '../realtime';

export interface BroadcastDeps {
  db: Kysely<any>;
  bundle: DistrictBundle;
  org: OrgDirectory;
  bus: EventBus;
  audit: (db: Kysely<any>, entries: AuditEntryInput[]) => Promise<void>;
  now: () => Date;
}

export interface SendInput {
  /** The unit whose subtree receives it; defaults to the sender's widest reach. */
  unit?: string;
  /** Recipient roles; defaults to the district's grid roles (roles held only at grid levels). */
  roles?: string[];
  title: string;
  body: string;
  priority?: 'normal' | 'urgent';
}

export interface InboxItem {
  id: string;
  title: string;
  body: string;
  priority: string;
  senderId: string;
  scopeUnitId: string;
  createdAt: string;
  readAt: string | null;
  acknowledgedAt: string | null;
}

/**
 * 市级指令: an instruction stored once with the scope and roles it reaches (fan-out on read). An
 * inbox is a query by the recipient's unit ancestors; a receipt row appears only when someone
 * reads or acknowledges. So reaching 221,000 grid workers costs one insert, not 221,000.
 */
export class BroadcastService {
  constructor(private readonly deps: BroadcastDeps) {}

  /** Roles held only at grid levels (网格员, 专属网格员, 网格长…): the default recipients. */
  gridRoles(): string[] {
    const gridLevels = new Set(this.deps.bundle.district.orgLevels.filter((l) => l.isGrid).map((l) => l.key));
    return this.deps.bundle.district.roles.filter((r) => r.levels?.length && r.levels.every((l) => gridLevels.has(l))).map((r) => r.key);
  }

  async send(ctx: ServiceContext, input: SendInput): Promise<{ id: string; scopeUnitId: string; roles: string[]; createdAt: string }> {
    const title = input.title?.trim() ?? '';
    const body = input.body?.trim() ?? '';
    if (!title || !body) {
      const path = !title ? '/title' : '/body';
      throw new ValidationError(t(ctx.lang, 'broadcast.empty'), [{ path, message: t(ctx.lang, 'broadcast.empty'), code: 'empty' }]);
    }
    const known = new Set(this.deps.bundle.district.roles.map((r) => r.key));
    const roles = input.roles?.length ? [...new Set(input.roles)] : this.gridRoles();
    const unknown = roles.find((r) => !known.has(r));
    if (unknown) throw new ValidationError(t(ctx.lang, 'broadcast.unknownRole', { role: unknown }), [{ path: '/roles', message: t(ctx.lang, 'broadcast.unknownRole', { role: unknown }), code: 'unknownRole' }]);
    const unit = this.scope(ctx, input.unit);
    const id = newRecordId(this.deps.now().getTime());
    const at = this.deps.now().toISOString();
    const priority = input.priority ?? 'normal';
    await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('broadcast')
        .values({ id, sender_id: ctx.actor?.id ?? 'system', scope_unit_id: unit.id, scope_path: unit.path, roles: JSON.stringify(roles), title, body, priority, created_at: at })
        .execute();
      await this.deps.bus.publishIn(trx, { kind: 'broadcast', type: 'sent', at, broadcastId: id, orgPath: unit.path, orgUnitId: unit.id, roles, title, priority, createdBy: ctx.actor?.id ?? null });
      await this.deps.audit(trx, [{ actorId: ctx.actor?.id ?? null, action: 'broadcast.send', subjectType: 'Broadcast', subjectId: id, diff: { unit: unit.id, roles, title }, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null }]);
    });
    return { id, scopeUnitId: unit.id, roles, createdAt: at };
  }

  /** The unit a sender may broadcast to (403 outside their `broadcast` rules). */
  private scope(ctx: ServiceContext, unitId?: string): OrgUnitInfo {
    const org = this.deps.org;
    const ability = ctx.ability;
    if (ability && !ability.can('broadcast', 'Broadcast')) throw new ForbiddenError(t(ctx.lang, 'broadcast.notAllowed'));
    let unit: OrgUnitInfo | undefined;
    if (unitId) {
      unit = org.get(unitId);
      if (!unit) throw new ValidationError(t(ctx.lang, 'validation.unknownUnit', { unit: unitId }), [{ path: '/unit', message: t(ctx.lang, 'validation.unknownUnit', { unit: unitId }), code: 'unknownUnit' }]);
    } else {
      unit = (ctx.units ?? []).map((u) => org.get(u)).filter((u): u is OrgUnitInfo => !!u).map((u) => reachUnit(u, org)).sort((a, b) => a.depth - b.depth)[0] ?? org.root();
    }
    if (!unit || (ability && !ability.can('broadcast', subject('Broadcast', { orgPath: unit.path, orgUnitId: unit.id }) as never))) {
      throw new ForbiddenError(t(ctx.lang, 'broadcast.outsideScope', { unit: unit?.id ?? unitId ?? '' }));
    }
    return unit;
  }

  /** The viewer's assignments with every ancestor path of each (the scopes that reach them). */
  private reach(assignments: { role: string; unitId: string }[]) {
    return assignments
      .map((a) => ({ ...a, path: this.deps.org.get(a.unitId)?.path }))
      .filter((a): a is { role: string; unitId: string; path: string } => !!a.path)
      .map((a) => ({ ...a, scopes: ancestors(a.path) }));
  }

  async inbox(ctx: ServiceContext, viewer: { id: string; assignments: { role: string; unitId: string }[] }, limit = 50): Promise<InboxItem[]> {
    const reach = this.reach(viewer.assignments);
    const scopes = [...new Set(reach.flatMap((r) => r.scopes))];
    if (!scopes.length) return [];
    const rows = await this.deps.db
      .selectFrom('broadcast as b')
      .leftJoin('broadcast_receipt as r', (j) => j.onRef('r.broadcast_id', '=', 'b.id').on('r.user_id', '=', viewer.id))
      .select(['b.id', 'b.title', 'b.body', 'b.priority', 'b.sender_id', 'b.scope_unit_id', 'b.scope_path', 'b.roles', 'b.created_at', 'r.read_at', 'r.acknowledged_at'])
      .where('b.scope_path', 'in', scopes)
      .orderBy('b.created_at', 'desc')
      .orderBy('b.id', 'desc')
      .limit(Math.min(200, limit) * 4)
      .execute();
    return rows
      .filter((b) => this.recipientUnit(reach, b.scope_path, JSON.parse(b.roles)))
      .slice(0, Math.min(200, limit))
      .map((b) => ({ id: b.id, title: b.title, body: b.body, priority: b.priority, senderId: b.sender_id, scopeUnitId: b.scope_unit_id, createdAt: b.created_at, readAt: b.read_at ?? null, acknowledgedAt: b.acknowledged_at ?? null }));
  }

  private recipientUnit(reach: ReturnType<BroadcastService['reach']>, scopePath: string, roles: string[]): string | undefined {
    return reach.find((r) => r.path.startsWith(scopePath) && roles.includes(r.role))?.unitId;
  }

  /** Marks read (and, when asked, acknowledged): the receipt row is created on first read. */
  async receipt(ctx: ServiceContext, viewer: { id: string; assignments: { role: string; unitId: string }[] }, broadcastId: string, acknowledge: boolean) {
    const b = await this.deps.db.selectFrom('broadcast').selectAll().where('id', '=', broadcastId).executeTakeFirst();
    if (!b) throw new NotFoundError(t(ctx.lang, 'notFound.record', { entity: 'broadcast', id: broadcastId }));
    const unitId = this.recipientUnit(this.reach(viewer.assignments), b.scope_path, JSON.parse(b.roles));
    if (!unitId) throw new ForbiddenError(t(ctx.lang, 'broadcast.notRecipient'));
    const at = this.deps.now().toISOString();
    await this.deps.db
      .insertInto('broadcast_receipt')
      .values({ broadcast_id: broadcastId, user_id: viewer.id, unit_id: unitId, read_at: at, acknowledged_at: acknowledge ? at : null })
      .onConflict((oc) => (acknowledge ? oc.columns(['broadcast_id', 'user_id']).doUpdateSet({ acknowledged_at: at }).where('broadcast_receipt.acknowledged_at', 'is', null) : oc.columns(['broadcast_id', 'user_id']).doNothing()))
      .execute();
    return { broadcastId, readAt: at, acknowledged: acknowledge };
  }

  /**
   * Per unit below the scope: recipients (users holding a recipient role there), read and
   * acknowledged counts. Only someone who may broadcast to the scope sees them.
   */
  async stats(ctx: ServiceContext, broadcastId: string) {
    const db = this.deps.db;
    const b = await db.selectFrom('broadcast').selectAll().where('id', '=', broadcastId).executeTakeFirst();
    if (!b) throw new NotFoundError(t(ctx.lang, 'notFound.record', { entity: 'broadcast', id: broadcastId }));
    if (ctx.ability && b.sender_id !== ctx.actor?.id && !ctx.ability.can('broadcast', subject('Broadcast', { orgPath: b.scope_path, orgUnitId: b.scope_unit_id }) as never)) {
      throw new ForbiddenError(t(ctx.lang, 'broadcast.outsideScope', { unit: b.scope_unit_id }));
    }
    const [lower, upper] = subtreeBounds(b.scope_path);
    const roles: string[] = JSON.parse(b.roles);
    const [recipients, receipts] = await Promise.all([
      db
        .selectFrom('user_role as ur')
        .innerJoin('org_unit as u', 'u.id', 'ur.org_unit_id')
        .innerJoin('user as p', 'p.id', 'ur.user_id')
        .select(['u.path'])
        .select((eb) => eb.fn.count<number>('ur.user_id').distinct().as('n'))
        .where('u.path', '>=', lower)
        .where('u.path', '<', upper)
        .where('ur.role', 'in', roles.length ? roles : [''])
        .groupBy('u.path')
        .execute(),
      db
        .selectFrom('broadcast_receipt as r')
        .innerJoin('org_unit as u', 'u.id', 'r.unit_id')
        .select(['u.path'])
        .select((eb) => [eb.fn.countAll<number>().as('read'), eb.fn.count<number>('r.acknowledged_at').as('acknowledged')])
        .where('r.broadcast_id', '=', broadcastId)
        .groupBy('u.path')
        .execute(),
    ]);
    const childOf = (path: string) => path.slice(b.scope_path.length).split('/')[0] || b.scope_unit_id;
    const perUnit = new Map<string, { unitId: string; name: string; recipients: number; read: number; acknowledged: number }>();
    const row = (path: string) => {
      const id = childOf(path);
      let r = perUnit.get(id);
      if (!r) perUnit.set(id, (r = { unitId: id, name: this.deps.org.get(id)?.name ?? id, recipients: 0, read: 0, acknowledged: 0 }));
      return r;
    };
    for (const r of recipients) row(r.path).recipients += Number(r.n);
    for (const r of receipts) {
      const u = row(r.path);
      u.read += Number(r.read);
      u.acknowledged += Number(r.acknowledged);
    }
    const units = [...perUnit.values()].sort((x, y) => x.unitId.localeCompare(y.unitId));
    const total = units.reduce((a, u) => ({ recipients: a.recipients + u.recipients, read: a.read + u.read, acknowledged: a.acknowledged + u.acknowledged }), { recipients: 0, read: 0, acknowledged: 0 });
    return { id: b.id, title: b.title, scopeUnitId: b.scope_unit_id, roles, createdAt: b.created_at, total, units };
  }
}

/** '/a/b/c/' → ['/a/', '/a/b/', '/a/b/c/']. */
export function ancestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}
