import type { Kysely } from 'kysely';
import type { AuditBreak } from './verify-audit';
import { verifyAudit } from './verify-audit';

const EXPLAIN: Record<AuditBreak, string> = {
  hash: 'its content no longer matches its hash (the entry was edited)',
  link: "its prev_hash does not match the previous entry's hash (an entry was replaced or reordered)",
  gap: 'its seq does not follow the previous entry (an entry was deleted)',
};

/** `gridwork audit verify`: checks the whole chain; exit code 0 when intact, 1 when broken. */
export async function runAuditVerify(db: Kysely<any>): Promise<number> {
  const result = await verifyAudit(db);
  if (result.ok) {
    console.log(`audit log intact: ${result.checked} entries`);
    return 0;
  }
  const { seq, reason } = result.firstBroken!;
  console.error(`audit log broken at entry seq ${seq} (${reason}): ${EXPLAIN[reason]}; ${result.checked - 1} entries before it are intact`);
  return 1;
}
