import type { Kysely } from 'kysely';
import type { AuditRow } from './audit-entry';
import { auditHash, type HashedFields, GENESIS_HASH } from './audit-hash';

export type AuditBreak = 'hash' | 'link' | 'gap';

export interface VerifyResult {
  ok: boolean;
  /** Entries checked, up to and including the first broken one. */
  checked: number;
  firstBroken?: { seq: number; reason: AuditBreak };
}

const PAGE = 5_000;

/**
 * Walks the chain in seq order, a page at a time so a large log never sits in memory, and stops at
 * the first entry that fails: `gap` when its seq does not follow the previous one (an entry was
 * deleted; the chain starts at 1), `link` when its prev_hash is not the previous entry's stored
 * hash (an entry was replaced or reordered), `hash` when its own content no longer matches its
 * hash (it was edited). A chain alone cannot reveal entries cut from the end: compare the head
 * against a copy kept elsewhere for that.
 */
export async function verifyAudit(db: Kysely<any>): Promise<VerifyResult> {
  let checked = 0;
  let prevSeq = 0;
  let prevHash = GENESIS_HASH;
  for (;;) {
    const rows = (await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', prevSeq)
      .orderBy('seq')
      .limit(PAGE)
      .execute()) as AuditRow[];
    for (const row of rows) {
      const seq = Number(row.seq);
      checked++;
      const reason = check(row, seq, prevSeq, prevHash);
      if (reason) return { ok: false, checked, firstBroken: { seq, reason } };
      prevSeq = seq;
      prevHash = row.hash;
    }
    if (rows.length < PAGE) return { ok: true, checked };
  }
}

function check(row: AuditRow, seq: number, prevSeq: number, prevHash: string): AuditBreak | undefined {
  if (seq !== prevSeq + 1) return 'gap';
  if (row.prev_hash !== prevHash) return 'link';
  return auditHash(row.prev_hash, hashedFields(row)) === row.hash ? undefined : 'hash';
}

/** The fields of a stored row that its hash covers (diff as stored text). */
export function hashedFields(row: AuditRow): HashedFields {
  return {
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    diff: row.diff,
    requestId: row.request_id,
    ip: row.ip,
  };
}
