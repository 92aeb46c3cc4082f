/**
 * The permission matrix, generated from each district's config: every demo role × every fixture
 * case × every action, compared with an oracle that reads the config rules directly (parent links,
 * not materialised paths; plain loops, not CASL). Single gets and lists go through SQL on both
 * dialects; the other actions through the ability.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DistrictBundle, PermissionRule } from '../config';
import { systemContext, type EntityRecord } from '../entities';
import { ForbiddenError } from '../errors';
import type { Runtime } from '../runtime';
import { demoAccounts, type DemoAccount } from '../seed';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { buildAbility } from './build-ability';
import { recordSubject } from './subject-object';
import type { UserProfile } from '../auth';

const E = 'incidentCase';
const DISTRICTS = ['xigong', 'zhongzhan', 'huiji', 'zhengzhou'];
const GRID_KINDS = new Set(['grid', 'microGrid', 'dedicatedGrid']);

interface Fixture {
  record: EntityRecord;
  assignedUnits: string[];
  assignedUsers: string[];
}

const treeCache = new WeakMap<DistrictBundle, { parent: Map<string, string | undefined>; kind: Map<string, string> }>();
function tree(bundle: DistrictBundle) {
  let t = treeCache.get(bundle);
  if (!t) {
    t = { parent: new Map(bundle.units.map((u) => [u.id, u.parent])), kind: new Map(bundle.units.map((u) => [u.id, u.kind])) };
    treeCache.set(bundle, t);
  }
  return t;
}

/** The config's answer, computed without CASL and without paths. */
function oracle(bundle: DistrictBundle, account: DemoAccount, userId: string, action: string, fixture: Fixture | undefined, subjectType = 'Case', field?: string): boolean {
  const { parent, kind } = tree(bundle);
  const under = (id: string, ancestor: string) => {
    for (let cur: string | undefined = id; cur; cur = parent.get(cur)) if (cur === ancestor) return true;
    return false;
  };
  const reach = kind.get(account.unitId) === 'commandCentre' ? parent.get(account.unitId)! : account.unitId;
  const role = bundle.district.roles.find((r) => r.key === account.role)!;
  const rules: PermissionRule[] = role.permissions.map((p) => bundle.district.permissions[p]);
  const matchesAction = (r: PermissionRule) =>
    r.actions.includes(action) || r.actions.includes('manage') || (action.startsWith('transition:') && r.actions.includes('transition:*'));
  const matchesSubject = (r: PermissionRule) => r.subject === subjectType || r.subject === 'all';
  const scopeHolds = (r: PermissionRule) => {
    if (!fixture) return true; // type-level question: some row could match
    const rec = fixture.record;
    switch (r.scope ?? 'all') {
      case 'all':
        return true;
      case 'own':
        return rec.createdBy === userId;
      case 'myUnit':
        return rec.orgUnitId === account.unitId;
      case 'mySubtree':
        return under(rec.orgUnitId, reach);
      case 'myDepartment':
        return fixture.assignedUnits.includes(account.unitId);
      case 'assignedToMe':
        return fixture.assignedUsers.includes(userId);
    }
  };
  // A rule listing fields grants the action on those fields only.
  const matchesField = (r: PermissionRule) => !field || !r.fields || r.fields.includes(field);
  let allowed = rules.some((r) => !r.inverted && matchesSubject(r) && matchesAction(r) && matchesField(r) && scopeHolds(r));
  if (rules.some((r) => r.inverted && !r.fields && matchesSubject(r) && matchesAction(r) && scopeHolds(r))) allowed = false;
  return allowed;
}

for (const district of DISTRICTS) {
  describe.each(dialects())(`permission matrix of ${district} on %s`, (dialect) => {
    let runtime: Runtime;
    let close: () => Promise<void>;
    let accounts: { account: DemoAccount; user: UserProfile }[];
    const fixtures: Fixture[] = [];

    beforeAll(async () => {
      ({ runtime, close } = await createTestRuntime(dialect, { district }));
      const { bundle, org } = runtime;
      accounts = [];
      for (const account of demoAccounts(bundle, org)) {
        accounts.push({ account, user: await createPrincipal(runtime, [{ role: account.role, unitId: account.unitId }], account.username) });
      }
      const grids = [...org.all()].filter((u) => GRID_KINDS.has(u.kind)).sort((a, b) => (a.path < b.path ? -1 : 1));
      const gridUnder = (unitId: string) => grids.find((g) => g.path.startsWith(org.get(unitId)!.path)) ?? grids[0];
      const farGrid = (unitId: string) => grids.find((g) => g.path.split('/')[2] !== org.get(unitId)!.path.split('/')[2]) ?? grids[grids.length - 1];
      const category = bundle.district.categories[0].code;
      const channel = bundle.district.channels[0].key;
      const make = async (unitId: string, createdBy: string, title: string) =>
        runtime.entities.create({ lang: 'en', actor: { id: createdBy } }, E, {
          orgUnitId: unitId,
          data: { title, category, channel, reportedAt: '2026-09-05T01:00:00.000Z', reporterName: '王桂兰', reporterPhone: '13800138000' },
        });
      for (const { account, user } of accounts) {
        const home = gridUnder(account.unitId);
        fixtures.push({ record: await make(home.id, 'system', `home of ${account.username}`), assignedUnits: [], assignedUsers: [] });
        fixtures.push({ record: await make(farGrid(home.id).id, user.id, `own of ${account.username}`), assignedUnits: [], assignedUsers: [] });
        const assigned = await make(farGrid(home.id).id, 'system', `assigned to ${account.username}`);
        await runtime.db
          .insertInto('record_assignment')
          .values([
            { entity: E, record_id: assigned.id, unit_id: account.unitId, user_id: null, kind: 'handler', created_at: '2026-09-05T01:00:00.000Z' },
            { entity: E, record_id: assigned.id, unit_id: null, user_id: user.id, kind: 'handler', created_at: '2026-09-05T01:00:00.000Z' },
          ])
          .execute();
        fixtures.push({ record: assigned, assignedUnits: [account.unitId], assignedUsers: [user.id] });
      }
    }, 180_000);
    afterAll(() => close());

    it('single reads and lists return exactly what the config allows, in SQL', async () => {
      let allowedCount = 0;
      let deniedCount = 0;
      for (const { account, user } of accounts) {
        const ctx = { lang: 'en' as const, actor: { id: user.id }, ability: buildAbility(runtime.bundle, runtime.org, user) };
        const listed = new Set<string>();
        let cursor: string | null = null;
        do {
          const page: Awaited<ReturnType<Runtime['entities']['list']>> = await runtime.entities.list(ctx, E, { limit: 200, cursor });
          page.items.forEach((r) => listed.add(r.id));
          cursor = page.nextCursor;
        } while (cursor);
        let expectedVisible = 0;
        for (const fixture of fixtures) {
          const expected = oracle(runtime.bundle, account, user.id, 'read', fixture);
          const label = `${account.username} read "${fixture.record.data.title}"`;
          expect(listed.has(fixture.record.id), `${label} in list`).toBe(expected);
          const got = await runtime.entities.get(ctx, E, fixture.record.id).then(
            () => true,
            (e) => {
              expect(e, label).toBeInstanceOf(ForbiddenError);
              return false;
            },
          );
          expect(got, label).toBe(expected);
          if (expected) expectedVisible++;
          if (expected) allowedCount++;
          else deniedCount++;
        }
        expect(await runtime.entities.count(ctx, E), `${account.username} count`).toBe(expectedVisible);
      }
      // The matrix exercises both outcomes.
      expect(allowedCount).toBeGreaterThan(0);
      expect(deniedCount).toBeGreaterThan(0);
    });

    it('every other action on every case matches the config', () => {
      const transitions = runtime.bundle.workflows.flatMap((w) => w.transitions.map((t) => `transition:${t.key}`));
      const actions = ['create', 'update', 'delete', 'dispatch', 'supervise', 'export', 'escalate', 'merge', ...transitions];
      for (const { account, user } of accounts) {
        const ability = buildAbility(runtime.bundle, runtime.org, user);
        for (const fixture of fixtures) {
          const subj = recordSubject(runtime.registry.get(E), fixture.record, {
            orgPath: runtime.org.get(fixture.record.orgUnitId)!.path,
            assignedUnitIds: fixture.assignedUnits,
            assignedUserIds: fixture.assignedUsers,
          });
          for (const action of actions) {
            expect(ability.can(action, subj), `${account.username} ${action} "${fixture.record.data.title}"`).toBe(
              oracle(runtime.bundle, account, user.id, action, fixture),
            );
          }
        }
        for (const subjectType of ['OrgUnit', 'User', 'AuditLog', 'Config', 'Broadcast']) {
          for (const action of ['read', 'create', 'update', 'delete', 'configure', 'broadcast', 'export']) {
            expect(ability.can(action, subjectType), `${account.username} ${action} ${subjectType}`).toBe(
              oracle(runtime.bundle, account, user.id, action, undefined, subjectType),
            );
          }
        }
      }
    });

    it('writes outside the actor\'s scope are refused and change nothing', async () => {
      for (const { account, user } of accounts) {
        const ctx = { lang: 'en' as const, actor: { id: user.id }, ability: buildAbility(runtime.bundle, runtime.org, user) };
        for (const fixture of fixtures) {
          const current = await runtime.entities.get(systemContext('en'), E, fixture.record.id);
          const canUpdate =
            oracle(runtime.bundle, account, user.id, 'update', fixture, 'Case', 'urgency') && oracle(runtime.bundle, account, user.id, 'read', fixture);
          const result = await runtime.entities.update(ctx, E, current.id, { version: current.version, data: { urgency: 'urgent' } }).then(
            () => true,
            (e) => {
              expect(e).toBeInstanceOf(ForbiddenError);
              return false;
            },
          );
          expect(result, `${account.username} update "${fixture.record.data.title}"`).toBe(canUpdate);
          const after = await runtime.entities.get(systemContext('en'), E, fixture.record.id);
          expect(after.version).toBe(canUpdate ? current.version + 1 : current.version);
        }
      }
    });
  });
}
