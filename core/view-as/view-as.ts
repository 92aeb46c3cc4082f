import { permittedFieldsOf } from '@casl/ability/extra';
import type { AppAbility, AppRule } from '../access/app-ability';
import { buildAbility } from '../access/build-ability';
import type { Scope } from '../access/scope-conditions';
import { loadPrincipal } from '../auth/principal';
import type { ServiceContext } from '../entities/service-context';
import { NotFoundError } from '../errors';
import { t, type Lang } from '../i18n';
import type { Runtime } from '../runtime';

export type ViewAsScope = Scope | 'conditional';

/** One rule of the user's ability as the studio shows it: what, where, which fields. */
export interface ViewAsGrant {
  actions: string[];
  scope: ViewAsScope;
  /** The unit the scope is anchored on (myUnit, mySubtree, myDepartment). */
  unit?: { id: string; name: string };
  fields?: string[];
  /** A `cannot` rule: takes the actions (or only the fields) away. */
  inverted: boolean;
}

export interface ViewAsSubject {
  subject: string;
  /** The entity whose records carry this subject, if any. */
  entity?: string;
  actions: string[];
  /** Fields the user may read: 'all', or the list (personal data hidden by a rule is left out). */
  fields: 'all' | string[];
  /** The widest reach of the user's read rules (else of any rule) for this subject. */
  scope: ViewAsScope;
  grants: ViewAsGrant[];
}

export interface ViewAsSampleRow {
  id: string;
  orgUnitId: string;
  status: string | null;
  title: string;
  /** The record's data exactly as this user would read it (hidden fields gone, PII masked). */
  data: Record<string, unknown>;
  maskedFields: string[];
}

export interface ViewAsResult {
  user: { id: string; username: string; name: string; disabled: boolean };
  assignments: { role: string; roleLabel: string; unitId: string; unitName: string }[];
  subjects: ViewAsSubject[];
  sample?: { entity: string; total: number; rows: ViewAsSampleRow[] };
}

const SAMPLE_SIZE = 20;
// Widest first: the scope shown for a subject is the widest one any rule grants.
const REACH: ViewAsScope[] = ['all', 'mySubtree', 'myDepartment', 'myUnit', 'assignedToMe', 'own', 'conditional'];

const label = (text: { 'zh-CN': string; en?: string } | undefined, lang: Lang) => (text ? (lang === 'en' ? (text.en ?? text['zh-CN']) : text['zh-CN']) : '');
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The scope placeholder a resolved rule came from (see access/scope-conditions.ts), read back. */
function scopeOf(rule: AppRule, runtime: Pick<Runtime, 'org'>): { scope: ViewAsScope; unitId?: string } {
  const c = rule.conditions as Record<string, unknown> | undefined;
  if (!c || !Object.keys(c).length) return { scope: 'all' };
  const keys = Object.keys(c);
  if (keys.length !== 1) return { scope: 'conditional' };
  const value = c[keys[0]];
  switch (keys[0]) {
    case 'createdBy':
      return { scope: 'own' };
    case 'assignedUserIds':
      return { scope: 'assignedToMe' };
    case 'orgUnitId':
      return { scope: 'myUnit', unitId: String(value) };
    case 'assignedUnitIds':
      return { scope: 'myDepartment', unitId: String(value) };
    case 'orgPath': {
      const path = (value as { $under?: string })?.$under;
      const id = path?.split('/').filter(Boolean).at(-1);
      return id && runtime.org.get(id) ? { scope: 'mySubtree', unitId: id } : { scope: 'conditional' };
    }
    default:
      return { scope: 'conditional' };
  }
}

/**
 * What a user would see: their ability built exactly as a request of theirs builds it (loadPrincipal
 * + buildAbility), read back per subject, and — for an entity — the first page of the list they would
 * get, fetched through the entity service with their own ServiceContext, so through the same SQL
 * permission filter and field masking as their real list.
 */
export async function viewAs(
  runtime: Pick<Runtime, 'db' | 'bundle' | 'org' | 'registry' | 'entities'>,
  ctx: ServiceContext,
  input: { userId: string; entity?: string },
): Promise<ViewAsResult> {
  const { lang } = ctx;
  const principal = await loadPrincipal(runtime.db, input.userId);
  if (!principal) throw new NotFoundError(t(lang, 'studio.unknownUser', { id: input.userId }));
  // A disabled user gets no ability at request time (createRequestContext): show that, not their roles' rules.
  const ability = buildAbility(runtime.bundle, runtime.org, principal.disabled ? { ...principal, assignments: [] } : principal);
  const entity = input.entity ? runtime.registry.get(input.entity, lang) : undefined;

  const assignments = principal.assignments.map((a) => ({
    role: a.role,
    roleLabel: label(runtime.bundle.district.roles.find((r) => r.key === a.role)?.label, lang) || a.role,
    unitId: a.unitId,
    unitName: runtime.org.get(a.unitId)?.name ?? a.unitId,
  }));

  const sample = entity && (await sampleList(runtime, ctx, principal, ability, entity.name));
  return {
    user: { id: principal.id, username: principal.username, name: principal.name, disabled: principal.disabled },
    assignments,
    subjects: subjectsOf(ability, runtime),
    ...(sample ? { sample } : {}),
  };
}

function subjectsOf(ability: AppAbility, runtime: Pick<Runtime, 'org' | 'registry'>): ViewAsSubject[] {
  const bySubject = new Map<string, AppRule[]>();
  for (const rule of ability.rules) {
    for (const subject of list(rule.subject as string | string[])) {
      const rules = bySubject.get(subject) ?? [];
      rules.push(rule);
      bySubject.set(subject, rules);
    }
  }
  const entities = new Map(runtime.registry.all().map((e) => [e.subject, e]));
  return [...bySubject.entries()].map(([subject, rules]) => {
    const entity = entities.get(subject);
    const grants: ViewAsGrant[] = rules.map((rule) => {
      const { scope, unitId } = scopeOf(rule, runtime);
      return {
        actions: list(rule.action as string | string[]),
        scope,
        ...(unitId ? { unit: { id: unitId, name: runtime.org.get(unitId)?.name ?? unitId } } : {}),
        ...(rule.fields ? { fields: list(rule.fields as string | string[]) } : {}),
        inverted: !!rule.inverted,
      };
    });
    const allowed = grants.filter((g) => !g.inverted);
    // An action taken away outright (a `cannot` without conditions or fields) is not shown as granted.
    const revoked = new Set(grants.filter((g) => g.inverted && g.scope === 'all' && !g.fields).flatMap((g) => g.actions));
    const actions = [...new Set(allowed.flatMap((g) => g.actions))].filter((a) => !revoked.has(a)).sort();
    const readers = allowed.filter((g) => g.actions.includes('read') || g.actions.includes('manage'));
    const scope = REACH.find((s) => (readers.length ? readers : allowed).some((g) => g.scope === s)) ?? 'all';
    let fields: 'all' | string[] = 'all';
    if (entity) {
      const all = entity.columns.map((c) => c.field);
      const permitted = permittedFieldsOf(ability, 'read', subject, { fieldsFrom: (rule) => rule.fields ?? all });
      if (!all.every((f) => permitted.includes(f))) fields = all.filter((f) => permitted.includes(f));
    } else if (readers.length && readers.every((g) => g.fields)) {
      fields = [...new Set(readers.flatMap((g) => g.fields!))];
    }
    return { subject, ...(entity ? { entity: entity.name } : {}), actions, fields, scope, grants };
  });
}

async function sampleList(
  runtime: Pick<Runtime, 'entities' | 'registry'>,
  ctx: ServiceContext,
  principal: { id: string; assignments: { role: string; unitId: string }[] },
  ability: AppAbility,
  entityName: string,
): Promise<ViewAsResult['sample']> {
  // The viewed user's context, as serviceContext() builds it for their own requests.
  const asUser: ServiceContext = {
    lang: ctx.lang,
    actor: { id: principal.id },
    ability,
    roles: [...new Set(principal.assignments.map((a) => a.role))],
    units: [...new Set(principal.assignments.map((a) => a.unitId))],
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
  const [page, total] = await Promise.all([runtime.entities.list(asUser, entityName, { limit: SAMPLE_SIZE }), runtime.entities.count(asUser, entityName)]);
  const entity = runtime.registry.get(entityName, ctx.lang);
  const titleFields = ['title', ...(entity.def.ui?.listColumns ?? [])];
  return {
    entity: entityName,
    total,
    rows: page.items.map((r) => ({
      id: r.id,
      orgUnitId: r.orgUnitId,
      status: r.status,
      title: (titleFields.map((f) => r.data[f]).find((v) => typeof v === 'string') as string | undefined) ?? r.id,
      data: r.data,
      maskedFields: (r as { maskedFields?: string[] }).maskedFields ?? [],
    })),
  };
}
