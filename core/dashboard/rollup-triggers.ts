import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { GridworkDialect } from '../db';
import type { CompiledEntity, EntityRegistry } from '../entities';
import { rollupSql, sqlString as q, type RollupSql } from './rollup-sql';

/** The fields of a case type the dashboard breaks figures down by (from their `x-source`). */
export interface CaseDims {
  category?: string;
  channel?: string;
}

export function caseDims(entity: CompiledEntity): CaseDims {
  const props = entity.def.schema.properties as Record<string, { 'x-source'?: string }>;
  const find = (source: string) => Object.keys(props).find((f) => props[f]['x-source'] === source && entity.byField.get(f)?.type === 'text');
  return { category: find('categories'), channel: find('channels') };
}

/** Entities whose records run through a workflow: the cases the dashboard counts. */
export const caseEntities = (registry: EntityRegistry) => registry.all().filter((e) => !!e.workflow);

const col = (row: 'NEW' | 'OLD' | '', name: string | undefined) => (name ? `coalesce(${row ? `${row}.` : ''}"${name}", '')` : `''`);

interface TriggerSet {
  /** DDL statements creating triggers (and functions), in order. */
  create: string[];
  /** DDL statements dropping them. */
  drop: string[];
  /** INSERT … SELECT statements recounting the roll-ups from the source tables. */
  backfill: string[];
}

/** The case's place, looked up by entity: transitions and ratings are rows beside the case. */
function casePath(entities: CompiledEntity[], row: string): string {
  if (!entities.length) return `''`;
  const arms = entities.map((e) => `when ${q(e.name)} then (select org_path from "${e.table}" where id = ${row}.record_id)`).join(' ');
  return `coalesce(case ${row}.entity ${arms} end, '')`;
}

function caseKey(e: CompiledEntity, s: RollupSql, row: 'NEW' | 'OLD') {
  const d = caseDims(e);
  return {
    day: s.day(`${row}.created_at`),
    path: `${row}.org_path`,
    category: col(row, d.category),
    channel: col(row, d.channel),
    status: `coalesce(${row}.status, '')`,
  };
}

const caseWhere = (e: CompiledEntity, k: ReturnType<typeof caseKey>) =>
  `entity = ${q(e.name)} and day = ${k.day} and org_path = ${k.path} and category = ${k.category} and channel = ${k.channel} and status = ${k.status}`;
const caseInsert = (e: CompiledEntity, k: ReturnType<typeof caseKey>, pg: boolean) =>
  `insert into case_rollup (entity, day, org_path, category, channel, status, n) select ${q(e.name)}, ${k.day}, ${k.path}, ${k.category}, ${k.channel}, ${k.status}, 1 where true
   on conflict (entity, day, org_path, category, channel, status) do update set n = ${pg ? 'case_rollup.' : ''}n + 1`;

const clockKey = (s: RollupSql, row: 'NEW' | 'OLD') => ({
  day: s.day(`${row}.started_at`),
  path: `coalesce((select path from org_unit where id = ${row}.unit_id), '')`,
  stopped: `(case when ${row}.stopped_at is null then 0 else 1 end)`,
  minutes: `coalesce(${s.minutesBetween(`${row}.started_at`, `${row}.stopped_at`)}, 0)`,
});
const clockWhere = (k: ReturnType<typeof clockKey>, row: string) =>
  `entity = ${row}.entity and day = ${k.day} and unit_path = ${k.path} and clock = ${row}.clock and status = ${row}.status`;
const clockInsert = (k: ReturnType<typeof clockKey>, pg: boolean) => {
  const p = pg ? 'clock_rollup.' : '';
  return `insert into clock_rollup (entity, day, unit_path, clock, status, n, stopped_n, minutes) select NEW.entity, ${k.day}, ${k.path}, NEW.clock, NEW.status, 1, ${k.stopped}, ${k.minutes} where true
   on conflict (entity, day, unit_path, clock, status) do update set n = ${p}n + 1, stopped_n = ${p}stopped_n + excluded.stopped_n, minutes = ${p}minutes + excluded.minutes`;
};
const factInsert = (day: string, path: string, fact: string, pg: boolean) =>
  `insert into fact_rollup (entity, day, org_path, fact, n) select NEW.entity, ${day}, ${path}, ${fact}, 1 where true
   on conflict (entity, day, org_path, fact) do update set n = ${pg ? 'fact_rollup.' : ''}n + 1`;

/**
 * Triggers that keep the roll-ups in step with every write, in the writer's transaction: whoever
 * writes (entity service, workflow engine, batch breach handling, imports), the counters move with
 * the rows, so they stay exact under concurrent writers. Generated from the config (entities, their
 * dimensions, the district's time zone); `ensureRollups` installs them.
 */
export function rollupTriggers(dialect: GridworkDialect, registry: EntityRegistry, timeZone: string): TriggerSet {
  const s = rollupSql(dialect, timeZone);
  const pg = dialect.name === 'postgres';
  const entities = caseEntities(registry);
  const out: TriggerSet = { create: [], drop: [], backfill: [] };
  const trigger = (name: string, table: string, timing: string, when: string, body: string[]) => {
    if (pg) {
      out.create.push(`create or replace function ${name}() returns trigger language plpgsql as $$ begin ${body.map((b) => `${b};`).join(' ')} return null; end $$`);
      out.create.push(`create trigger ${name} after ${timing} on "${table}" for each row${when ? ` when (${when})` : ''} execute function ${name}()`);
      out.drop.push(`drop trigger if exists ${name} on "${table}"`, `drop function if exists ${name}()`);
    } else {
      out.create.push(`create trigger ${name} after ${timing} on "${table}"${when ? ` when ${when}` : ''} begin ${body.map((b) => `${b};`).join(' ')} end`);
      out.drop.push(`drop trigger if exists ${name}`);
    }
  };
  const distinct = (a: string, b: string) => (pg ? `${a} is distinct from ${b}` : `${a} is not ${b}`);

  for (const e of entities) {
    const d = caseDims(e);
    const tag = e.name.toLowerCase().replace(/[^a-z0-9]/g, '');
    const nk = caseKey(e, s, 'NEW');
    const ok = caseKey(e, s, 'OLD');
    trigger(`gw_rollup_${tag}_ins`, e.table, 'insert', 'NEW.deleted_at is null', [caseInsert(e, nk, pg)]);
    const moved = ['status', 'deleted_at', 'org_path', 'created_at', d.category, d.channel]
      .filter(Boolean)
      .map((c) => distinct(`OLD."${c}"`, `NEW."${c}"`))
      .join(' or ');
    // Decrement, drop an emptied counter (status changes would otherwise leave a zero row behind
    // per state a case passed through), then increment the new key.
    const dec = pg ? `if OLD.deleted_at is null then update case_rollup set n = n - 1 where ${caseWhere(e, ok)}; delete from case_rollup where ${caseWhere(e, ok)} and n = 0; end if`
      : `update case_rollup set n = n - 1 where OLD.deleted_at is null and ${caseWhere(e, ok)}; delete from case_rollup where ${caseWhere(e, ok)} and n = 0`;
    const inc = pg ? `if NEW.deleted_at is null then ${caseInsert(e, nk, pg)}; end if` : caseInsert(e, nk, pg).replace('where true', 'where NEW.deleted_at is null');
    trigger(`gw_rollup_${tag}_upd`, e.table, 'update', moved, [dec, inc]);
    out.backfill.push(
      `insert into case_rollup (entity, day, org_path, category, channel, status, n)
       select ${q(e.name)} as entity, ${s.day('created_at')} as day, org_path, ${col('', d.category)} as category, ${col('', d.channel)} as channel, coalesce(status, '') as status, count(*) as n
       from "${e.table}" where deleted_at is null group by 2, 3, 4, 5, 6`,
    );
  }

  const nc = clockKey(s, 'NEW');
  const oc = clockKey(s, 'OLD');
  trigger('gw_rollup_clock_ins', 'case_clock', 'insert', '', [clockInsert(nc, pg)]);
  const clockMoved = ['status', 'stopped_at', 'unit_id', 'started_at', 'clock'].map((c) => distinct(`OLD.${c}`, `NEW.${c}`)).join(' or ');
  trigger('gw_rollup_clock_upd', 'case_clock', 'update', clockMoved, [
    `update clock_rollup set n = n - 1, stopped_n = stopped_n - ${oc.stopped}, minutes = minutes - ${oc.minutes} where ${clockWhere(oc, 'OLD')}`,
    `delete from clock_rollup where ${clockWhere(oc, 'OLD')} and n = 0`,
    clockInsert(nc, pg),
  ]);
  out.backfill.push(
    `insert into clock_rollup (entity, day, unit_path, clock, status, n, stopped_n, minutes)
     select c.entity, ${s.day('c.started_at')} as day, coalesce(u.path, '') as unit_path, c.clock, c.status, count(*) as n,
       sum(case when c.stopped_at is null then 0 else 1 end) as stopped_n, coalesce(sum(${s.minutesBetween('c.started_at', 'c.stopped_at')}), 0) as minutes
     from case_clock c left join org_unit u on u.id = c.unit_id group by 1, 2, 3, 4, 5`,
  );

  // Facts: transitions fired (by the day they happened) and satisfaction ratings given.
  trigger('gw_rollup_transition', 'case_event', 'insert', `NEW.type = 'transition'`, [
    factInsert(s.day('NEW.at'), casePath(entities, 'NEW'), `'transition:' || coalesce(NEW.transition, '')`, pg),
  ]);
  trigger('gw_rollup_rating', 'satisfaction', 'insert', '', [factInsert(s.day('NEW.at'), casePath(entities, 'NEW'), `'rating:' || NEW.rating`, pg)]);
  const oldRow = (x: string) => x.replace(/NEW\./g, 'x.');
  out.backfill.push(
    `insert into fact_rollup (entity, day, org_path, fact, n)
     select x.entity, ${s.day('x.at')} as day, ${oldRow(casePath(entities, 'NEW'))} as org_path, 'transition:' || coalesce(x.transition, '') as fact, count(*) as n
     from case_event x where x.type = 'transition' group by 1, 2, 3, 4`,
    `insert into fact_rollup (entity, day, org_path, fact, n)
     select x.entity, ${s.day('x.at')} as day, ${oldRow(casePath(entities, 'NEW'))} as org_path, 'rating:' || x.rating as fact, count(*) as n
     from satisfaction x group by 1, 2, 3, 4`,
  );
  return out;
}

const META_KEY = 'rollupTriggers';
const ROLLUP_LOCK = 740_215_001;

/**
 * Installs the roll-up triggers when the config changed them (new entity, field, time zone) and
 * recounts the roll-ups from the source rows in the same transaction; otherwise does nothing.
 */
export async function ensureRollups(db: Kysely<any>, dialect: GridworkDialect, registry: EntityRegistry, timeZone: string, now: () => Date): Promise<boolean> {
  const set = rollupTriggers(dialect, registry, timeZone);
  const hash = createHash('sha256').update(JSON.stringify(set)).digest('hex');
  const read = async (x: Kysely<any>) => (await x.selectFrom('gridwork_meta').select('value').where('key', '=', META_KEY).executeTakeFirst())?.value as string | undefined;
  const stored = await read(db);
  if (stored && JSON.parse(stored).hash === hash) return false;
  return db.transaction().execute(async (trx) => {
    if (dialect.name === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(ROLLUP_LOCK)})`.execute(trx);
    const current = await read(trx);
    if (current && JSON.parse(current).hash === hash) return false;
    const previous: string[] = current ? JSON.parse(current).drop : [];
    for (const stmt of [...previous, ...set.drop]) await sql.raw(stmt).execute(trx);
    for (const table of ['case_rollup', 'clock_rollup', 'fact_rollup']) await trx.deleteFrom(table).execute();
    for (const stmt of set.backfill) await sql.raw(stmt).execute(trx);
    for (const stmt of set.create) await sql.raw(stmt).execute(trx);
    const value = JSON.stringify({ hash, drop: set.drop });
    await trx
      .insertInto('gridwork_meta')
      .values({ key: META_KEY, value, updated_at: now().toISOString() })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now().toISOString() }))
      .execute();
    return true;
  });
}

const ROLLUP_TABLES: Record<string, string[]> = {
  case_rollup: ['entity', 'day', 'org_path', 'category', 'channel', 'status'],
  clock_rollup: ['entity', 'day', 'unit_path', 'clock', 'status'],
  fact_rollup: ['entity', 'day', 'org_path', 'fact'],
};

/**
 * Roll-up rows that differ from a recount of the source rows ([] when exact): for tests, and for
 * an operator who suspects the counters (ensureRollups after clearing the meta key rebuilds them).
 */
export async function rollupDrift(db: Kysely<any>, dialect: GridworkDialect, registry: EntityRegistry, timeZone: string): Promise<string[]> {
  const { backfill } = rollupTriggers(dialect, registry, timeZone);
  const drift: string[] = [];
  for (const [table, keys] of Object.entries(ROLLUP_TABLES)) {
    const expected = new Map<string, string>();
    for (const stmt of backfill.filter((b) => b.includes(`insert into ${table} `))) {
      const select = stmt.slice(stmt.indexOf('select'));
      const { rows } = await sql.raw(select).execute(db);
      for (const r of rows as Record<string, unknown>[]) {
        const key = keys.map((k) => String(r[k])).join('|');
        expected.set(`${table}:${key}`, Object.keys(r).filter((c) => !keys.includes(c)).map((c) => fmt(c, r[c])).join(','));
      }
    }
    const actual = await db.selectFrom(table).selectAll().execute();
    const seen = new Set<string>();
    for (const r of actual) {
      const key = `${table}:${keys.map((k) => String(r[k])).join('|')}`;
      seen.add(key);
      const got = Object.keys(r).filter((c) => !keys.includes(c)).map((c) => fmt(c, r[c])).join(',');
      if (expected.get(key) !== got && !(Number(r.n) === 0 && !expected.has(key))) drift.push(`${key}: rollup ${got}, recount ${expected.get(key) ?? 'none'}`);
    }
    for (const [key, value] of expected) if (!seen.has(key)) drift.push(`${key}: rollup none, recount ${value}`);
  }
  return drift;
}

// Minutes are sums of floats: compare them to the second, counts exactly.
const fmt = (column: string, v: unknown) => (column === 'minutes' ? (Math.round(Number(v) * 60) / 60).toFixed(2) : String(Number(v)));
