import { sql, type Kysely } from 'kysely';
import { subject } from '@casl/ability';
import { reachUnit } from '../access';
import type { DistrictBundle } from '../config';
import type { CompiledEntity, EntityRegistry, EntityService, ServiceContext } from '../entities';
import { ForbiddenError, ValidationError } from '../errors';
import { t } from '../i18n';
import { subtreeBounds, type OrgDirectory, type OrgUnitInfo } from '../org';
import { unitPerformance } from '../workflow';
import { drillQuery, type DrillDown } from './drill-down';
import { addDays, dayStart, daysBetween, DAY_PATTERN, localDay, monthStart } from './local-days';
import { caseDims, caseEntities } from './rollup-triggers';
import { hotSpots } from './hot-spots';
import { rollupScope } from './rollup-scope';
import { rollupSql } from './rollup-sql';
import type { GridworkDialect } from '../db';

export interface DashboardDeps {
  db: Kysely<any>;
  dialect: GridworkDialect;
  bundle: DistrictBundle;
  org: OrgDirectory;
  registry: EntityRegistry;
  entities: EntityService;
  now: () => Date;
}

export interface FiguresInput {
  entity?: string;
  /** Org unit whose subtree the figures cover; defaults to the reader's widest reach. */
  unit?: string;
  /** Local dates, both inclusive; default: this month so far. */
  from?: string;
  to?: string;
}

export interface Count {
  key: string;
  count: number;
  drill: DrillDown;
}

export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator, or null when there is nothing to divide by. */
  rate: number | null;
  drill: DrillDown;
}

export interface ClockFigure {
  clock: string;
  met: number;
  late: number;
  overdue: number;
  running: number;
  onTime: Rate;
  /** Mean minutes from start to stop of the clocks stopped (met or late). */
  averageMinutes: number | null;
}

export interface UnitRanking {
  unitId: string;
  name: string;
  total: number;
  completed: number;
  completionRate: number | null;
  onTimeRate: number | null;
  satisfactionRate: number | null;
  reminders: number;
  supervisions: number;
  /** Mean of the rates a unit has (0–1): the order of the ranking. */
  score: number | null;
  drill: DrillDown;
}

/** The longest window one request may ask for: figures beyond a year are reports, not a screen. */
export const MAX_WINDOW_DAYS = 366;
const SATISFIED = [4, 5];

/**
 * The command centre's figures for one scope and window, read from the roll-ups (maintained by
 * triggers, see rollup-triggers.ts) plus two live counts (overdue, supervised) through the
 * entity service's scoped query. Every figure carries the drill-down that lists its cases.
 */
export class DashboardService {
  constructor(private readonly deps: DashboardDeps) {}

  get timeZone(): string {
    return this.deps.bundle.district.timeZone;
  }

  /** The case entity, scope unit and window a request resolves to, each checked. */
  resolve(ctx: ServiceContext, input: FiguresInput) {
    const entity = this.caseEntity(ctx, input.entity);
    const today = localDay(this.deps.now(), this.timeZone);
    const from = input.from ?? monthStart(today);
    const to = input.to ?? today;
    for (const [field, value] of [['from', from], ['to', to]] as const) {
      if (!DAY_PATTERN.test(value) || localDay(dayStart(value, 'UTC'), 'UTC') !== value) this.invalid(ctx, `/${field}`, t(ctx.lang, 'dashboard.badDay', { field }));
    }
    const span = daysBetween(from, to) + 1;
    if (span < 1) this.invalid(ctx, '/to', t(ctx.lang, 'dashboard.toBeforeFrom'));
    if (span > MAX_WINDOW_DAYS) this.invalid(ctx, '/from', t(ctx.lang, 'dashboard.windowTooLong', { days: span, max: MAX_WINDOW_DAYS }));
    const unit = this.scopeUnit(ctx, entity, input.unit);
    return { entity, unit, from, to, today, fromIso: dayStart(from, this.timeZone).toISOString(), toIso: dayStart(addDays(to, 1), this.timeZone).toISOString() };
  }

  async figures(ctx: ServiceContext, input: FiguresInput = {}) {
    const { entity, unit, from, to, today, fromIso, toIso } = this.resolve(ctx, input);
    const db = this.deps.db;
    const [lower, upper] = subtreeBounds(unit.path);
    const caseScope = rollupScope(db, ctx, entity.subject, this.deps.org, 'case_rollup', 'org_path');
    const clockScope = rollupScope(db, ctx, entity.subject, this.deps.org, 'clock_rollup', 'unit_path');
    const factScope = rollupScope(db, ctx, entity.subject, this.deps.org, 'fact_rollup', 'org_path');
    // One key-range seek per day (day in (...)) instead of one scan over every place's days.
    const days: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
    const window = (qb: any, path: string) => qb.where('entity', '=', entity.name).where('day', 'in', days).where(path, '>=', lower).where(path, '<', upper);
    const s = rollupSql(this.deps.dialect, this.timeZone);
    // Aggregated in SQL, one narrow grouping per use: a district's month is thousands of counter
    // rows, and moving them all into JS would cost more than the scans.
    const agg = async (table: string, path: string, scope: typeof caseScope, groups: string[], sums: string[]): Promise<any[]> => {
      const child = s.childSegment(path, unit.path.length);
      const cols = groups.map((g) => (g === 'child' ? sql.raw(`${child}`).as('child') : sql.ref(g).as(g)));
      const rows = await window(db.selectFrom(table), path)
        .where(scope)
        .select([...cols, ...sums.map((c) => sql<number>`sum(${sql.ref(c)})`.as(c))])
        .groupBy(groups.map((g) => (g === 'child' ? sql.raw(child) : sql.ref(g))))
        .execute();
      return rows;
    };
    // Four scans of the window: every figure below sums one of these (totals over children and
    // days, breakdowns over the other column), so each counter row is read once per table.
    const [caseByDay, caseByCategory, clockRows, factRows] = await Promise.all([
      agg('case_rollup', 'org_path', caseScope, ['day', 'child', 'status'], ['n']),
      agg('case_rollup', 'org_path', caseScope, ['category', 'channel'], ['n']),
      agg('clock_rollup', 'unit_path', clockScope, ['child', 'clock', 'status'], ['n', 'stopped_n', 'minutes']),
      agg('fact_rollup', 'org_path', factScope, ['child', 'fact'], ['n']),
    ]);
    const [caseByChannel, caseByChild, clockByChild, factByChild] = [caseByCategory, caseByDay, clockRows, factRows];
    const workflow = entity.workflow!;
    const finals = workflow.states.filter((s) => s.final).map((s) => s.key);
    const closing = workflow.transitions.filter((tr) => finals.includes(tr.to)).map((tr) => tr.key);
    const reopen = workflow.satisfaction?.reopenTransition ?? workflow.transitions.find((tr) => tr.key === 'reopen')?.key;
    const dims = caseDims(entity);
    const base = (extra: Record<string, unknown> = {}, lo = fromIso, hi = toIso, orgUnit = unit.id): DrillDown => ({
      entity: entity.name,
      orgUnit,
      filter: { createdAt: { gte: lo, lt: hi }, ...(extra as object) } as DrillDown['filter'],
    });
    const sum = (rows: { n: unknown }[]) => rows.reduce((a, r) => a + Number(r.n), 0);
    const groupCount = (rows: any[], key: 'category' | 'channel' | 'status', field: string | undefined): Count[] => {
      const m = new Map<string, number>();
      for (const r of rows) m.set(r[key], (m.get(r[key]) ?? 0) + Number(r.n));
      return [...m]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([k, count]) => ({ key: k, count, drill: base(field ? { [field]: k === '' ? null : k } : {}) }));
    };
    const total = sum(caseByDay);
    const completed = sum(caseByDay.filter((r) => finals.includes(r.status)));
    const todayRows = caseByDay.filter((r) => r.day === today);
    const todayLo = dayStart(today, this.timeZone).toISOString();
    const todayHi = dayStart(addDays(today, 1), this.timeZone).toISOString();
    const rate = (numerator: number, denominator: number, drill: DrillDown): Rate => ({ numerator, denominator, rate: denominator ? numerator / denominator : null, drill });

    // Trend: one point per local day of the window, zeros included.
    const perDay = new Map<string, { total: number; completed: number }>();
    for (let d = from; d <= to; d = addDays(d, 1)) perDay.set(d, { total: 0, completed: 0 });
    for (const r of caseByDay) {
      const p = perDay.get(r.day)!;
      p.total += Number(r.n);
      if (finals.includes(r.status)) p.completed += Number(r.n);
    }

    const clocks = new Map<string, ClockFigure & { stopped: number; minutes: number }>();
    for (const r of clockRows) {
      let c = clocks.get(r.clock);
      if (!c) {
        const drill: DrillDown = { entity: entity.name, orgUnit: unit.id, filter: {}, related: { kind: 'clock', clock: r.clock, status: ['met'], from: fromIso, to: toIso } };
        clocks.set(r.clock, (c = { clock: r.clock, met: 0, late: 0, overdue: 0, running: 0, onTime: rate(0, 0, drill), averageMinutes: null, stopped: 0, minutes: 0 }));
      }
      const n = Number(r.n);
      if (r.status === 'met') c.met += n;
      else if (r.status === 'late') c.late += n;
      else if (r.status === 'breached') c.overdue += n;
      else if (r.status === 'running') c.running += n;
      if (r.status === 'met' || r.status === 'late') {
        c.stopped += Number(r.stopped_n);
        c.minutes += Number(r.minutes);
      }
    }
    const clockFigures: ClockFigure[] = [...clocks.values()].map(({ stopped, minutes, ...c }) => ({
      ...c,
      onTime: rate(c.met, c.met + c.late + c.overdue, c.onTime.drill),
      averageMinutes: stopped ? Math.round((minutes / stopped) * 10) / 10 : null,
    }));

    const factSum = (pred: (fact: string) => boolean, rows = factRows) => sum(rows.filter((r: any) => pred(r.fact)));
    const ratingOf = (f: string) => (f.startsWith('rating:') ? Number(f.slice(7)) : 0);
    const ratings = factSum((f) => ratingOf(f) > 0);
    const satisfied = factSum((f) => SATISFIED.includes(ratingOf(f)));
    const closures = factSum((f) => closing.some((k) => f === `transition:${k}`));
    const reopens = reopen ? factSum((f) => f === `transition:${reopen}`) : 0;
    const related = (r: DrillDown['related']): DrillDown => ({ entity: entity.name, orgUnit: unit.id, filter: {}, related: r });

    const overdueDrill = related({ kind: 'overdue' });
    const supervisedDrill = related({ kind: 'supervised' });
    const [overdue, supervised, visits, ranking] = await Promise.all([
      this.deps.entities.count(ctx, entity.name, drillQuery(overdueDrill)),
      this.deps.entities.count(ctx, entity.name, drillQuery(supervisedDrill)),
      this.visits(ctx, unit, fromIso, toIso),
      this.ranking(unit, caseByChild, clockByChild, factByChild, finals, { from: fromIso, to: toIso }, base),
    ]);

    return {
      entity: entity.name,
      unit: { id: unit.id, name: unit.name, nameEn: unit.nameEn, path: unit.path },
      window: { from, to, today, timeZone: this.timeZone },
      today: { count: sum(todayRows), drill: base({}, todayLo, todayHi) },
      total: { count: total, drill: base() },
      byChannel: groupCount(caseByChannel, 'channel', dims.channel),
      byCategory: groupCount(caseByCategory, 'category', dims.category),
      byStatus: groupCount(caseByDay, 'status', 'status'),
      byUnit: ranking.map((r) => ({ key: r.unitId, name: r.name, count: r.total, drill: r.drill })),
      completion: rate(completed, total, base({ status: { in: finals } })),
      clocks: clockFigures,
      satisfaction: rate(satisfied, ratings, related({ kind: 'rating', ratings: SATISFIED, from: fromIso, to: toIso })),
      reopen: rate(reopens, closures, related({ kind: 'transition', transitions: reopen ? [reopen] : [], from: fromIso, to: toIso })),
      closures: { count: closures, drill: related({ kind: 'transition', transitions: closing, from: fromIso, to: toIso }) },
      overdue: { count: overdue, drill: overdueDrill },
      supervised: { count: supervised, drill: supervisedDrill },
      visits,
      trend: [...perDay].map(([day, p]) => ({ day, total: p.total, completed: p.completed, drill: base({}, dayStart(day, this.timeZone).toISOString(), dayStart(addDays(day, 1), this.timeZone).toISOString()) })),
      ranking,
    };
  }

  /**
   * Categories and places (the units cases sit in) unusually frequent in the window against
   * their own preceding `baselineDays` (see hot-spots.ts), each with its drill-down.
   */
  async hotSpots(ctx: ServiceContext, input: FiguresInput & { baselineDays?: number } = {}) {
    const { entity, unit, from, to, fromIso, toIso } = this.resolve(ctx, input);
    const baselineDays = Math.min(180, Math.max(7, Math.floor(input.baselineDays ?? 28)));
    const scope = rollupScope(this.deps.db, ctx, entity.subject, this.deps.org, 'case_rollup', 'org_path');
    const [lower, upper] = subtreeBounds(unit.path);
    const days = (a: string, b: string) => {
      const out: string[] = [];
      for (let d = a; d <= b; d = addDays(d, 1)) out.push(d);
      return out;
    };
    const count = async (group: 'category' | 'org_path', list: string[]) => {
      const rows = await this.deps.db
        .selectFrom('case_rollup')
        .select([group, sql<number>`sum(n)`.as('n')])
        .where('entity', '=', entity.name)
        .where('day', 'in', list)
        .where('org_path', '>=', lower)
        .where('org_path', '<', upper)
        .where(scope)
        .groupBy(group)
        .execute();
      return new Map(rows.map((r: any) => [r[group] as string, Number(r.n)]));
    };
    const windowDays = days(from, to);
    const baseline = days(addDays(from, -baselineDays), addDays(from, -1));
    const [catWindow, catBase, placeWindow, placeBase] = await Promise.all([count('category', windowDays), count('category', baseline), count('org_path', windowDays), count('org_path', baseline)]);
    const dims = caseDims(entity);
    const base = { baselineDays, windowDays: windowDays.length };
    const drill = (filter: Record<string, unknown>, orgUnit = unit.id): DrillDown => ({ entity: entity.name, orgUnit, filter: { createdAt: { gte: fromIso, lt: toIso }, ...filter } as DrillDown['filter'] });
    const unitOf = (path: string) => this.deps.org.get(path.split('/').filter(Boolean).pop() ?? '');
    return {
      window: { from, to, baselineDays },
      categories: hotSpots({ ...base, baseline: catBase, window: catWindow }).map((h) => ({ ...h, drill: drill(dims.category ? { [dims.category]: h.key || null } : {}) })),
      places: hotSpots({ ...base, baseline: placeBase, window: placeWindow }).map((h) => {
        const place = unitOf(h.key);
        return { ...h, key: place?.id ?? h.key, name: place?.name ?? h.key, drill: drill({ orgUnitId: place?.id ?? '' }) };
      }),
    };
  }

  /**
   * The map: open and overdue cases per unit (grids colour by load), and open cases as points
   * with their place, status and urgency — read through the scoped list, at most `limit` points.
   */
  async map(ctx: ServiceContext, input: { entity?: string; unit?: string; limit?: number } = {}) {
    const entity = this.caseEntity(ctx, input.entity);
    const unit = this.scopeUnit(ctx, entity, input.unit);
    const finals = entity.workflow!.states.filter((st) => st.final).map((st) => st.key);
    const open = { status: { in: entity.workflow!.states.map((st) => st.key).filter((k) => !finals.includes(k)) } };
    const entities = this.deps.entities;
    const [load, overdue] = await Promise.all([
      entities.countBy(ctx, entity.name, 'orgUnitId', { orgUnit: unit.id, filter: open }),
      entities.countBy(ctx, entity.name, 'orgUnitId', { orgUnit: unit.id, ...drillQuery({ entity: entity.name, filter: {}, related: { kind: 'overdue' } }) }),
    ]);
    const overdueBy = new Map(overdue.map((r) => [String(r.value), r.count]));
    const points: { id: string; lng: number; lat: number; status: string | null; urgency: unknown; title: unknown; overdue: boolean }[] = [];
    const limit = Math.min(5000, Math.max(1, input.limit ?? 2000));
    let cursor: string | null = null;
    do {
      const page = await entities.list(ctx, entity.name, { orgUnit: unit.id, filter: open, limit: 200, cursor });
      for (const r of page.items) {
        const loc = r.data.location as { lng?: number; lat?: number } | undefined;
        if (typeof loc?.lng === 'number' && typeof loc?.lat === 'number') points.push({ id: r.id, lng: loc.lng, lat: loc.lat, status: r.status, urgency: r.data.urgency ?? null, title: r.data.title ?? '', overdue: false });
      }
      cursor = points.length < limit ? page.nextCursor : null;
    } while (cursor);
    return {
      unit: { id: unit.id, name: unit.name },
      units: load.map((r) => ({ unitId: String(r.value), open: r.count, overdue: overdueBy.get(String(r.value)) ?? 0 })),
      points: points.slice(0, limit),
    };
  }

  /** The grid polygons under the scope as GeoJSON (feature `name` = unit id), for the map. */
  async gridShapes(ctx: ServiceContext, input: { entity?: string; unit?: string } = {}) {
    const unit = this.scopeUnit(ctx, this.caseEntity(ctx, input.entity), input.unit);
    const [lower, upper] = subtreeBounds(unit.path);
    const rows = await this.deps.db.selectFrom('org_unit').select(['id', 'name', 'geometry']).where('path', '>=', lower).where('path', '<', upper).where('geometry', 'is not', null).limit(40_000).execute();
    return {
      type: 'FeatureCollection' as const,
      features: rows.map((r) => ({ type: 'Feature' as const, properties: { name: r.id as string, label: r.name as string }, geometry: JSON.parse(r.geometry) })),
    };
  }

  /** Visits logged (party members, grid workers) in the window, when the district keeps visit logs. */
  private async visits(ctx: ServiceContext, unit: OrgUnitInfo, fromIso: string, toIso: string) {
    if (!this.deps.registry.has('visitLog')) return null;
    const rows = await this.deps.entities.countBy(ctx, 'visitLog', 'visitorKind', { orgUnit: unit.id, filter: { visitedAt: { gte: fromIso, lt: toIso } } });
    return rows.map((r) => ({ key: String(r.value ?? ''), count: r.count, drill: { entity: 'visitLog', orgUnit: unit.id, filter: { visitedAt: { gte: fromIso, lt: toIso }, visitorKind: r.value as string } } }));
  }

  /** 考核: the scope's child units by the same figures, plus the notices they received. */
  private async ranking(
    unit: OrgUnitInfo,
    caseRows: { child: string; status: string; n: number }[],
    clockRows: { child: string; status: string; n: number }[],
    factRows: { child: string; fact: string; n: number }[],
    finals: string[],
    range: { from: string; to: string },
    base: (extra?: Record<string, unknown>, lo?: string, hi?: string, orgUnit?: string) => DrillDown,
  ): Promise<UnitRanking[]> {
    const org = this.deps.org;
    const children = org.children(unit.id).filter((c) => c.kind !== 'commandCentre');
    const childOf = (path: string) => {
      const rest = path.slice(unit.path.length);
      return rest ? rest.slice(0, rest.indexOf('/')) : undefined;
    };
    const acc = new Map(children.map((c) => [c.id, { total: 0, completed: 0, met: 0, clocks: 0, satisfied: 0, ratings: 0, reminders: 0, supervisions: 0 }]));
    for (const r of caseRows) {
      const a = acc.get(r.child);
      if (!a) continue;
      a.total += Number(r.n);
      if (finals.includes(r.status)) a.completed += Number(r.n);
    }
    for (const r of clockRows) {
      const a = acc.get(r.child);
      if (!a || !['met', 'late', 'breached'].includes(r.status)) continue;
      a.clocks += Number(r.n);
      if (r.status === 'met') a.met += Number(r.n);
    }
    for (const r of factRows) {
      const a = acc.get(r.child);
      const rating = r.fact.startsWith('rating:') ? Number(r.fact.slice(7)) : 0;
      if (!a || !rating) continue;
      a.ratings += Number(r.n);
      if (SATISFIED.includes(rating)) a.satisfied += Number(r.n);
    }
    // The whole tree needs no unit list (28k ids for a city).
    const units = unit.parentId ? [...org.all()].filter((u) => u.path.startsWith(unit.path)).map((u) => u.id) : undefined;
    const perf = await unitPerformance(this.deps.db, { ...range, units });
    for (const p of perf) {
      const a = acc.get(childOf(org.get(p.unitId)?.path ?? '') ?? '');
      if (!a) continue;
      a.reminders += p.reminders;
      a.supervisions += p.supervisions;
    }
    const ratio = (a: number, b: number) => (b ? a / b : null);
    return children
      .map((c) => {
        const a = acc.get(c.id)!;
        const rates = [ratio(a.completed, a.total), ratio(a.met, a.clocks), ratio(a.satisfied, a.ratings)];
        const present = rates.filter((x): x is number => x !== null);
        return {
          unitId: c.id,
          name: c.name,
          total: a.total,
          completed: a.completed,
          completionRate: rates[0],
          onTimeRate: rates[1],
          satisfactionRate: rates[2],
          reminders: a.reminders,
          supervisions: a.supervisions,
          score: present.length ? present.reduce((x, y) => x + y, 0) / present.length : null,
          drill: base({}, undefined, undefined, c.id),
        };
      })
      .sort((x, y) => (y.score ?? -1) - (x.score ?? -1) || y.total - x.total || x.unitId.localeCompare(y.unitId));
  }

  caseEntity(ctx: ServiceContext, name?: string): CompiledEntity {
    const cases = caseEntities(this.deps.registry);
    const entity = name ? this.deps.registry.get(name, ctx.lang) : cases[0];
    if (!entity?.workflow) this.invalid(ctx, '/entity', t(ctx.lang, 'workflow.none', { entity: name ?? '' }));
    return entity;
  }

  /**
   * The unit asked for, if the reader may read cases there; by default the widest unit the
   * reader reaches (a command centre reaches the area it serves).
   */
  scopeUnit(ctx: ServiceContext, entity: CompiledEntity, unitId?: string): OrgUnitInfo {
    const org = this.deps.org;
    if (unitId) {
      const unit = org.get(unitId);
      if (!unit) this.invalid(ctx, '/unit', t(ctx.lang, 'validation.unknownUnit', { unit: unitId }));
      if (ctx.ability && !ctx.ability.can('read', subject(entity.subject, { orgPath: unit.path, orgUnitId: unit.id }) as never)) {
        throw new ForbiddenError(t(ctx.lang, 'dashboard.outsideScope', { unit: unitId }));
      }
      return unit;
    }
    const reach = (ctx.units ?? []).map((id) => org.get(id)).filter((u): u is OrgUnitInfo => !!u).map((u) => reachUnit(u, org));
    const widest = ctx.ability ? reach.sort((a, b) => a.depth - b.depth)[0] : org.root();
    if (!widest) throw new ForbiddenError(t(ctx.lang, 'dashboard.scopeUnsupported'));
    return widest;
  }

  private invalid(ctx: ServiceContext, path: string, message: string): never {
    throw new ValidationError(message, [{ path, message, code: 'invalid' }]);
  }
}
