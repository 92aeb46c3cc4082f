import { sql, type Kysely } from 'kysely';
import { accessibleWhere, columnCondition, type FieldMap } from '../access/ability-sql';
import type { RoleAssignment } from '../access/build-ability';
import type { AuditEntryInput } from '../audit';
import type { DistrictBundle } from '../config';
import type { ServiceContext } from '../entities';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, type ErrorIssue } from '../errors';
import { t } from '../i18n';
import type { OrgDirectory } from '../org';
import type { GridworkAuth } from './create-auth';
import { loadPrincipal, type UserProfile } from './principal';

export interface CreateUserInput {
  username: string;
  name: string;
  password: string;
  assignments: RoleAssignment[];
}

const USERNAME = /^[A-Za-z0-9_.-]{2,32}$/;

/** Where a User's access fields live in SQL: its id, and the paths of the units it holds roles in. */
const userFieldMap: FieldMap = (field) => {
  if (field === 'id') return { kind: 'column', column: 'user.id' };
  if (field === 'orgPath' || field === 'orgUnitId') {
    return {
      kind: 'exists',
      build: (eb, op, value) =>
        eb.exists(
          eb
            .selectFrom('user_role as ur')
            .innerJoin('org_unit as ou', 'ou.id', 'ur.org_unit_id')
            .select(sql`1`.as('one'))
            .whereRef('ur.user_id', '=', 'user.id')
            .where((inner) => columnCondition(inner, field === 'orgPath' ? 'ou.path' : 'ou.id', op, value)),
        ),
    };
  }
  return undefined;
};

/**
 * Accounts and role assignments. Admin-created only; each change is checked against the actor's
 * abilities (subject `User`) and audited in the same transaction.
 */
export class UserService {
  constructor(
    private readonly db: Kysely<any>,
    private readonly auth: GridworkAuth,
    private readonly bundle: DistrictBundle,
    private readonly org: OrgDirectory,
    private readonly audit: (db: Kysely<any>, entries: AuditEntryInput[]) => Promise<void>,
    private readonly now: () => Date,
  ) {}

  /** A hash of `password` as sign-in checks it, for callers that create many accounts with one password. */
  async hashPassword(password: string): Promise<string> {
    return (await this.auth.$context).password.hash(password);
  }

  /**
   * `passwordHash`, when given, is `hashPassword(input.password)` made once for several accounts
   * (scrypt is deliberately slow: the demo's dozen accounts would otherwise cost a second a start).
   */
  async create(ctx: ServiceContext, input: CreateUserInput, options: { passwordHash?: string } = {}): Promise<UserProfile> {
    this.require(ctx, 'create');
    const issues: ErrorIssue[] = [];
    const username = String(input.username ?? '').trim();
    if (!USERNAME.test(username)) issues.push({ path: '/username', message: t(ctx.lang, 'auth.badUsername'), code: 'pattern' });
    if (typeof input.password !== 'string' || input.password.length < 8 || input.password.length > 128) {
      issues.push({ path: '/password', message: t(ctx.lang, 'auth.badPassword'), code: 'length' });
    }
    if (!String(input.name ?? '').trim()) issues.push({ path: '/name', message: t(ctx.lang, 'validation.failed', { count: 1 }), code: 'required' });
    issues.push(...this.checkAssignments(ctx, input.assignments ?? []));
    if (issues.length) throw new ValidationError(t(ctx.lang, 'validation.failed', { count: issues.length }), issues);
    const lower = username.toLowerCase();
    if (await this.db.selectFrom('user').select('id').where('username', '=', lower).executeTakeFirst()) {
      const message = t(ctx.lang, 'auth.usernameTaken', { username });
      throw new ConflictError(message, [{ path: '/username', message, code: 'taken' }]);
    }
    const auth = await this.auth.$context;
    const hash = options.passwordHash ?? (await auth.password.hash(input.password));
    // better-auth requires an email; grid staff sign in by username, so it is a non-routable one.
    const user = await auth.internalAdapter.createUser({
      email: `${lower}@users.gridwork.invalid`,
      name: input.name.trim(),
      username: lower,
      displayUsername: username,
      emailVerified: false,
      disabled: false,
    }, { method: 'admin' });
    await auth.internalAdapter.linkAccount({ userId: user.id, providerId: 'credential', accountId: user.id, password: hash });
    await this.db.transaction().execute(async (trx) => {
      await this.insertAssignments(trx, ctx, user.id, input.assignments ?? []);
      await this.audit(trx, [
        this.entry(ctx, 'user.create', user.id, { username: lower, name: input.name.trim(), assignments: input.assignments ?? [] }),
      ]);
    });
    return (await loadPrincipal(this.db, user.id))!;
  }

  async setDisabled(ctx: ServiceContext, userId: string, disabled: boolean): Promise<UserProfile> {
    this.require(ctx, 'update');
    await this.ensureVisible(ctx, userId);
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('user').set({ disabled: this.bool(disabled), updatedAt: this.dbDate() }).where('id', '=', userId).execute();
      if (disabled) await trx.deleteFrom('session').where('userId', '=', userId).execute();
      await this.audit(trx, [this.entry(ctx, disabled ? 'user.disable' : 'user.enable', userId, { disabled })]);
    });
    return (await loadPrincipal(this.db, userId))!;
  }

  async assign(ctx: ServiceContext, userId: string, assignments: RoleAssignment[]): Promise<UserProfile> {
    this.require(ctx, 'update');
    await this.ensureVisible(ctx, userId);
    const issues = this.checkAssignments(ctx, assignments);
    if (issues.length) throw new ValidationError(t(ctx.lang, 'validation.failed', { count: issues.length }), issues);
    await this.db.transaction().execute(async (trx) => {
      await this.insertAssignments(trx, ctx, userId, assignments);
      await this.audit(trx, [this.entry(ctx, 'permission.assign', userId, { assignments })]);
    });
    return (await loadPrincipal(this.db, userId))!;
  }

  async revoke(ctx: ServiceContext, userId: string, assignment: RoleAssignment): Promise<UserProfile> {
    this.require(ctx, 'update');
    await this.ensureVisible(ctx, userId);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('user_role').where('user_id', '=', userId).where('role', '=', assignment.role).where('org_unit_id', '=', assignment.unitId).execute();
      await this.audit(trx, [this.entry(ctx, 'permission.revoke', userId, { assignment })]);
    });
    return (await loadPrincipal(this.db, userId))!;
  }

  /** Users the actor may read (scoped in SQL like every other list). */
  async list(ctx: ServiceContext, options: { limit?: number; search?: string } = {}): Promise<UserProfile[]> {
    const rows = await this.db
      .selectFrom('user')
      .select(['id'])
      .$if(!!ctx.ability, (qb) => qb.where(accessibleWhere(ctx.ability!, 'read', 'User', userFieldMap)))
      .$if(!!options.search, (qb) => qb.where((eb) => eb.or([eb('username', 'like', `%${options.search}%`), eb('name', 'like', `%${options.search}%`)])))
      .orderBy('username')
      .limit(Math.min(200, options.limit ?? 50))
      .execute();
    return (await Promise.all(rows.map((r) => loadPrincipal(this.db, r.id)))).filter((u): u is UserProfile => !!u);
  }

  private async ensureVisible(ctx: ServiceContext, userId: string) {
    const row = await this.db
      .selectFrom('user')
      .select('id')
      .where('id', '=', userId)
      .$if(!!ctx.ability, (qb) => qb.where(accessibleWhere(ctx.ability!, 'read', 'User', userFieldMap)))
      .executeTakeFirst();
    if (!row) throw new NotFoundError(t(ctx.lang, 'notFound.record', { entity: 'User', id: userId }));
  }

  private checkAssignments(ctx: ServiceContext, assignments: RoleAssignment[]): ErrorIssue[] {
    const issues: ErrorIssue[] = [];
    assignments.forEach((a, i) => {
      const role = this.bundle.district.roles.find((r) => r.key === a.role);
      const unit = this.org.get(a.unitId);
      if (!role) issues.push({ path: `/assignments/${i}/role`, message: t(ctx.lang, 'auth.unknownRole', { role: a.role }), code: 'unknownRole' });
      if (!unit) issues.push({ path: `/assignments/${i}/unitId`, message: t(ctx.lang, 'validation.unknownUnit', { unit: a.unitId }), code: 'unknownUnit' });
      if (role && unit && role.levels?.length && !role.levels.includes(unit.level)) {
        issues.push({ path: `/assignments/${i}/unitId`, message: t(ctx.lang, 'auth.roleLevel', { role: role.key, level: unit.level }), code: 'roleLevel' });
      }
    });
    return issues;
  }

  private async insertAssignments(trx: Kysely<any>, ctx: ServiceContext, userId: string, assignments: RoleAssignment[]) {
    if (!assignments.length) return;
    await trx
      .insertInto('user_role')
      .values(assignments.map((a) => ({ user_id: userId, role: a.role, org_unit_id: a.unitId, created_at: this.now().toISOString(), created_by: ctx.actor?.id ?? null })))
      .onConflict((oc) => oc.columns(['user_id', 'role', 'org_unit_id']).doNothing())
      .execute();
  }

  private require(ctx: ServiceContext, action: 'create' | 'update') {
    if (ctx.ability && !ctx.ability.can(action, 'User')) throw new ForbiddenError(t(ctx.lang, 'forbidden.action', { action, entity: 'User' }));
  }

  private entry(ctx: ServiceContext, action: string, userId: string, diff: unknown): AuditEntryInput {
    return { actorId: ctx.actor?.id ?? null, action, subjectType: 'User', subjectId: userId, diff, requestId: ctx.requestId ?? null, ip: ctx.ip ?? null };
  }

  // better-auth stores booleans as 0/1 and dates as text on SQLite, native types on PostgreSQL.
  private bool(v: boolean) {
    return this.auth.options.database && (this.auth.options.database as { type: string }).type === 'postgres' ? v : v ? 1 : 0;
  }

  private dbDate() {
    return (this.auth.options.database as { type: string }).type === 'postgres' ? this.now() : this.now().toISOString();
  }
}
