import type { Kysely, RawBuilder } from 'kysely';

export type DialectName = 'sqlite' | 'postgres';

/**
 * Everything that differs between SQLite and PostgreSQL, declared once (as Kysely's own adapters
 * declare capabilities). Code elsewhere asks the adapter instead of testing the dialect name.
 */
export interface GridworkDialect {
  readonly name: DialectName;
  /**
   * One connection does all the writing (SQLite): concurrent transactions queue for it anyway, so
   * grouping them under one durable commit (GroupCommit) costs no parallelism. PostgreSQL runs
   * them in parallel and groups WAL flushes itself.
   */
  readonly singleWriter: boolean;
  /** DDL inside a transaction rolls back with it. */
  readonly supportsTransactionalDdl: boolean;
  /** Column type for a text column compared byte-wise (materialised paths, range scans). */
  readonly bytewiseTextType: RawBuilder<unknown>;
  /** Column type for floating point numbers. */
  readonly realType: 'real' | 'double precision';
  /** Column type for whole numbers that may exceed 2^31 (counters, epoch ms). */
  readonly bigintType: 'integer' | 'bigint';
  /** Case-insensitive LIKE operator. */
  readonly likeOperator: 'like' | 'ilike';
  /** NULL sorts before every value in ascending order (SQLite) or after it (PostgreSQL). */
  readonly nullsAreSmallest: boolean;
  /** Parameters one statement may carry: bounds the rows of a multi-row insert. */
  readonly maxParameters: number;
  /** The query plan of a statement, as text lines, for tests and diagnostics. */
  explain(db: Kysely<any>, compiled: { sql: string; parameters: readonly unknown[] }): Promise<string[]>;
}
