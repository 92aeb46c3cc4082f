import type { Kysely } from 'kysely';
import { ValidationError } from '../errors';
import type { AuditEntry, AuditRow } from './audit-entry';

export interface AuditFilter {
  subjectType?: string;
  subjectId?: string;
  actorId?: string;
  /** Inclusive lower bound on `at`: any date-time Date can parse (offsets are converted to UTC). */
  from?: string;
  /** Exclusive upper bound on `at`, as `from`. */
  to?: string;
  /** 1..500, default 100; values outside are clamped. */
  limit?: number;
  /** Continue below this seq: the previous page's nextBeforeSeq. */
  beforeSeq?: number;
}

export interface AuditPage {
  items: AuditEntry[];
  /** Pass as beforeSeq for the next (older) page; null when there is none. */
  nextBeforeSeq: number | null;
}

/**
 * Entries newest first, paged by seq (keyset, so deep pages cost the same as the first and new
 * appends do not shift them). Subject and actor filters ride the (subject_type, subject_id, seq)
 * and (actor_id, seq) indexes. `at` bounds compare text, which sorts as time only between strings
 * of one shape, so bounds are rewritten by toISOString() as every stored `at` was: "…T10:00:00Z"
 * would sort after "…T10:00:00.000Z", and "+08:00" would be eight hours off.
 */
export async function queryAudit(db: Kysely<any>, filter: AuditFilter = {}): Promise<AuditPage> {
  const limit = Math.min(500, Math.max(1, Math.floor(filter.limit ?? 100) || 100));
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.subjectType !== undefined) q = q.where('subject_type', '=', filter.subjectType);
  if (filter.subjectId !== undefined) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.actorId !== undefined) q = q.where('actor_id', '=', filter.actorId);
  if (filter.from !== undefined) q = q.where('at', '>=', utcIso('from', filter.from));
  if (filter.to !== undefined) q = q.where('at', '<', utcIso('to', filter.to));
  if (filter.beforeSeq !== undefined) q = q.where('seq', '<', filter.beforeSeq);
  const rows = (await q.orderBy('seq', 'desc').limit(limit + 1).execute()) as AuditRow[];
  const items = rows.slice(0, limit).map(toEntry);
  return { items, nextBeforeSeq: rows.length > limit ? items[items.length - 1].seq : null };
}

function utcIso(name: 'from' | 'to', value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) {
    throw new ValidationError(`invalid ${name} time "${value}"`, [{ path: `/${name}`, message: 'not a date-time', code: 'format' }]);
  }
  return time.toISOString();
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    diff: row.diff === null ? null : JSON.parse(row.diff),
    requestId: row.request_id,
    ip: row.ip,
    hash: row.hash,
  };
}
