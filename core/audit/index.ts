export { appendAudit, AUDIT_LOCK_KEY } from './append-audit';
export type { AuditEntry, AuditEntryInput } from './audit-entry';
export { auditHash, GENESIS_HASH, type HashedFields } from './audit-hash';
export { canonicalJson } from './canonical-json';
export { diffRecords, maskValue, type PiiKind, type RecordDiff } from './mask-pii';
export { verifyAudit, type AuditBreak, type VerifyResult } from './verify-audit';
export { queryAudit, type AuditFilter, type AuditPage } from './query-audit';
export { runAuditVerify } from './audit-cli';
