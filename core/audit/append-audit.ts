import { CompiledQuery, sql, type Kysely } from 'kysely';
import { preparedQuery, type GridworkDialect } from '../db';
import type { AuditEntryInput } from './audit-entry';
import { auditHash, GENESIS_HASH } from './audit-hash';
import { canonicalJson } from './canonical-json';

/**
 * Key of the PostgreSQL advisory lock that serialises appends. Arbitrary, but it must never be
 * reused by another feature, or that feature would queue behind every audited transaction.
 */
export const AUDIT_LOCK_KEY = 7_412_026_001;

const MAX_ROWS_PER_INSERT = 500;

const chainHead = preparedQuery((db) => db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1));
const COLUMNS = ['seq', 'at', 'actor_id', 'action', 'subject_type', 'subject_id', 'diff', 'request_id', 'ip', 'prev_hash', 'hash'] as const;

/**
 * Appends entries to the hash chain inside the caller's transaction, so the audited write and its
 * entries commit or roll back together (called outside one, it opens its own).
 *
 * Appends are serialised so the chain never forks: PostgreSQL takes a transaction-scoped advisory
 * lock before reading the head, held until commit, so call this as the transaction's last step to
 * keep that window short; SQLite's single writer already serialises. `seq` is assigned here
 * (head + 1) rather than by the sequence, so a rollback leaves no gap and a writer that somehow read
 * a stale head (a REPEATABLE READ snapshot taken before the lock) fails on the primary key instead
 * of forking the chain.
 */
export async function appendAudit(db: Kysely<any>, dialect: GridworkDialect, entries: AuditEntryInput[], now: Date): Promise<void> {
  if (!entries.length) return;
  if (!db.isTransaction) return db.transaction().execute((trx) => appendAudit(trx, dialect, entries, now));

  // The adapter has no capability for this yet; advisory locks are PostgreSQL's alone.
  if (dialect.name === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_LOCK_KEY)})`.execute(db);
  const head = (await chainHead.execute<{ seq: number | string; hash: string }>(db, {})).rows[0];

  const at = now.toISOString();
  let seq = head ? Number(head.seq) : 0;
  let prevHash: string = head?.hash ?? GENESIS_HASH;
  // Parameters in COLUMNS order, row after row: the statement is plain text with placeholders
  // because building Kysely's query tree for 500 rows × 11 values costs about a third of the
  // append on SQLite, and the shape of this insert never varies.
  const params: unknown[] = [];
  for (const e of entries) {
    const fields = {
      at,
      actorId: e.actorId ?? null,
      action: e.action,
      subjectType: e.subjectType,
      subjectId: e.subjectId ?? null,
      diff: e.diff === undefined || e.diff === null ? null : (canonicalJson(e.diff) ?? null),
      requestId: e.requestId ?? null,
      ip: e.ip ?? null,
    };
    const hash = auditHash(prevHash, fields);
    params.push(++seq, at, fields.actorId, fields.action, fields.subjectType, fields.subjectId, fields.diff, fields.requestId, fields.ip, prevHash, hash);
    prevHash = hash;
  }

  const batch = Math.max(1, Math.min(MAX_ROWS_PER_INSERT, Math.floor(dialect.maxParameters / COLUMNS.length)));
  for (let i = 0; i < entries.length; i += batch) {
    const n = Math.min(batch, entries.length - i);
    await db.executeQuery(CompiledQuery.raw(insertSql(dialect.name, n), params.slice(i * COLUMNS.length, (i + n) * COLUMNS.length)));
  }
}

// Only full batches are kept: the tail of a call has any length up to the batch size, and caching
// each would hold hundreds of near-identical statements.
const fullBatch = new Map<string, string>();

function insertSql(dialect: GridworkDialect['name'], rows: number): string {
  const key = `${dialect}:${rows}`;
  const cached = fullBatch.get(key);
  if (cached) return cached;
  const tuples: string[] = [];
  for (let r = 0; r < rows; r++) {
    const base = r * COLUMNS.length;
    tuples.push(`(${COLUMNS.map((_, c) => (dialect === 'postgres' ? `$${base + c + 1}` : '?')).join(', ')})`);
  }
  const text = `insert into audit_log (${COLUMNS.join(', ')}) values ${tuples.join(', ')}`;
  if (rows === MAX_ROWS_PER_INSERT) fullBatch.set(key, text);
  return text;
}
