import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { GridworkDialect } from './dialect-adapter';
import { postgresDialect } from './postgres-dialect';
import { sqliteDialect } from './sqlite-dialect';
import { withStatementCache } from './statement-cache';

export interface DatabaseHandle {
  db: Kysely<any>;
  dialect: GridworkDialect;
  /** Where the data lives, for logs: a file path or the URL without password. */
  location: string;
  destroy(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… selects PostgreSQL; unset selects SQLite. */
  databaseUrl?: string;
  /** SQLite file, or ':memory:'. */
  sqliteFile?: string;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/** Opens the database named by the options: the one place that decides SQLite vs PostgreSQL. */
export function createDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(options.databaseUrl)) {
      throw new Error(`DATABASE_URL must start with postgres:// (got ${redact(options.databaseUrl)})`);
    }
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      // count(*) and bigint columns come back as strings by default; our numbers stay below 2^53.
      types: {
        getTypeParser: (oid: number, format?: string) =>
          oid === 20 ? (v: string) => Number(v) : oid === 1700 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format as 'text'),
      } as never,
    });
    // An idle client's connection can die (server restart, admin termination): pg reports it on
    // the pool, and an unhandled 'error' event would take the whole process down.
    pool.on('error', (e) => {
      if ((e as { code?: string }).code !== '57P01') console.error('[db] idle PostgreSQL connection lost:', e.message);
    });
    const db = new Kysely<any>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: postgresDialect, location: redact(options.databaseUrl), destroy: () => db.destroy() };
  }
  const file = options.sqliteFile ?? ':memory:';
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const database = new Database(file);
  database.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before it is acknowledged. NORMAL would be faster, but in WAL mode
  // it can lose the last commits on power loss, and nothing acknowledged may ever be lost.
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // Checkpoints are what fsync in WAL mode: every 4,000 pages (16 MB) instead of 1,000 keeps
  // many small transactions (state changes, clocks) from paying for one every few commits.
  database.pragma('wal_autocheckpoint = 4000');
  const db = new Kysely<any>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, dialect: sqliteDialect, location: file, destroy: () => db.destroy() };
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
