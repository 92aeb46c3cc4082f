import { createHash } from 'node:crypto';

/** prev_hash of the first entry: there is nothing before it to link to. */
export const GENESIS_HASH = '0'.repeat(64);

/** The columns an entry's hash covers, exactly as stored (diff as its JSON text). */
export interface HashedFields {
  at: string;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  diff: string | null;
  requestId: string | null;
  ip: string | null;
}

/**
 * sha256 over a JSON array rather than a concatenation or an object: positions cannot shift
 * between fields ("ab"+"c" vs "a"+"bc"), null stays distinct from "null", and no key order is
 * involved. Changing this function invalidates every stored chain.
 */
export function auditHash(prevHash: string, f: HashedFields): string {
  const canonical = JSON.stringify([prevHash, f.at, f.actorId, f.action, f.subjectType, f.subjectId, f.diff, f.requestId, f.ip]);
  return createHash('sha256').update(canonical).digest('hex');
}
