/** What a caller records: who did what to which subject. Time and chain fields are added on append. */
export interface AuditEntryInput {
  /** null for anonymous actions (a failed sign-in, a public report). */
  actorId?: string | null;
  /** 'create', 'update', 'delete', 'transition:<name>', 'signIn', 'permission.assign', 'denied'… */
  action: string;
  /** 'incidentCase', 'User', 'Session'… */
  subjectType: string;
  subjectId?: string | null;
  /** Stored as canonical JSON. Mask PII first (diffRecords does): the log must never hold it clear. */
  diff?: unknown;
  requestId?: string | null;
  ip?: string | null;
}

/** One stored entry, as queries return it. */
export interface AuditEntry {
  seq: number;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  diff: unknown;
  requestId: string | null;
  ip: string | null;
  hash: string;
}

/** A row of audit_log as the database returns it. */
export interface AuditRow {
  seq: number | string;
  at: string;
  actor_id: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  diff: string | null;
  request_id: string | null;
  ip: string | null;
  prev_hash: string;
  hash: string;
}
