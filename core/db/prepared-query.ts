import { CompiledQuery, type Compilable, type Kysely, type QueryResult } from 'kysely';

const MARK = '\u0000gw:param:';

/** Slots of a compiled statement: a parameter's name, or a constant of the query itself. */
type Slot = { name: string } | { value: unknown };

interface Compiled {
  sql: string;
  slots: Slot[];
}

export type PreparedValues = Record<string, unknown>;

/**
 * A statement of the hot path whose Kysely query is built and compiled once per database kind and
 * shape, then only run with new values. Building and compiling a query costs about as much as
 * SQLite takes to run it; a transition runs a dozen such statements that never change shape.
 *
 * `build` receives `p`, whose every property is a placeholder for the value of that name (use
 * them only where Kysely makes a bound parameter, never as identifiers or sql.lit). `shape` tells
 * apart variants of one statement (a table name, a row count) and is passed to `build`.
 */
export function preparedQuery<S = string>(build: (db: Kysely<any>, p: Record<string, any>, shape: S) => Compilable<unknown>) {
  const byDialect = new WeakMap<object, Map<S, Compiled>>();
  const placeholders = new Proxy({} as Record<string, string>, { get: (_, name) => `${MARK}${String(name)}` });

  function compiled(db: Kysely<any>, shape: S): Compiled {
    // The adapter is shared by a Kysely instance and its transactions: one cache per database kind.
    const adapter = db.getExecutor().adapter;
    let shapes = byDialect.get(adapter);
    if (!shapes) byDialect.set(adapter, (shapes = new Map()));
    let entry = shapes.get(shape);
    if (!entry) {
      const query = build(db, placeholders, shape).compile();
      if (query.sql.includes(MARK)) throw new Error(`a placeholder ended up in the SQL text, not a parameter: ${query.sql}`);
      entry = {
        sql: query.sql,
        slots: query.parameters.map((v) => (typeof v === 'string' && v.startsWith(MARK) ? { name: v.slice(MARK.length) } : { value: v })),
      };
      shapes.set(shape, entry);
    }
    return entry;
  }

  return {
    async execute<R = any>(db: Kysely<any>, values: PreparedValues, shape: S = '' as S): Promise<QueryResult<R>> {
      const { sql, slots } = compiled(db, shape);
      const parameters = slots.map((s) => {
        if ('value' in s) return s.value;
        if (!(s.name in values)) throw new Error(`no value for parameter "${s.name}" of: ${sql}`);
        return values[s.name] ?? null;
      });
      return db.executeQuery<R>(CompiledQuery.raw(sql, parameters));
    },
  };
}

/** Rows a write statement changed. */
export const affectedRows = (result: QueryResult<unknown>) => Number(result.numAffectedRows ?? 0);
