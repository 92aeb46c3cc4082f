import type { Kysely } from 'kysely';

/** Bound parameters per statement below both dialects' limits (SQLite 32,766; PostgreSQL 65,535). */
const MAX_PARAMETERS = 30_000;

/** Multi-row inserts of any number of rows, split so no statement has too many parameters. */
export async function insertRows(db: Kysely<any>, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (!rows.length) return;
  const per = Math.max(1, Math.min(500, Math.floor(MAX_PARAMETERS / Object.keys(rows[0]).length)));
  for (let i = 0; i < rows.length; i += per) await db.insertInto(table).values(rows.slice(i, i + per)).execute();
}
