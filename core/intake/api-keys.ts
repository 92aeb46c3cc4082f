import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';

/** Only the SHA-256 of a key is stored: a stolen database does not yield working keys. */
const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');

/**
 * Creates the channel's key, or replaces it (the old key stops working at once). Returns the key:
 * the only time it exists in clear text.
 */
export async function rotateChannelKey(db: Kysely<any>, channel: string, now: Date): Promise<string> {
  const key = `gw_${randomBytes(32).toString('base64url')}`;
  const row = { channel, key_hash: hashKey(key), key_hint: key.slice(0, 7), created_at: now.toISOString() };
  await db
    .insertInto('channel_key')
    .values(row)
    .onConflict((oc) => oc.column('channel').doUpdateSet({ key_hash: row.key_hash, key_hint: row.key_hint, created_at: row.created_at }))
    .execute();
  return key;
}

/** Whether `key` is the channel's current key (constant-time comparison of the hashes). */
export async function verifyChannelKey(db: Kysely<any>, channel: string, key: string | undefined | null): Promise<boolean> {
  if (!key) return false;
  const row = await db.selectFrom('channel_key').select('key_hash').where('channel', '=', channel).executeTakeFirst();
  if (!row) return false;
  return timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hashKey(key), 'hex'));
}

/** The key from `Authorization: Bearer <key>` or `X-Api-Key`. */
export function keyFromHeaders(headers: Headers): string | undefined {
  const auth = headers.get('authorization');
  const bearer = auth && /^Bearer\s+(\S+)$/i.exec(auth)?.[1];
  return bearer || headers.get('x-api-key') || undefined;
}

/** The channel a key belongs to (uploads accept any channel's key), or undefined. */
export async function channelForKey(db: Kysely<any>, key: string | undefined): Promise<string | undefined> {
  if (!key) return undefined;
  const row = await db.selectFrom('channel_key').select('channel').where('key_hash', '=', hashKey(key)).executeTakeFirst();
  return row?.channel;
}
