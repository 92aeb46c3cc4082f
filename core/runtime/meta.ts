import type { Kysely } from 'kysely';

export async function readMeta(db: Kysely<any>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('gridwork_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function writeMeta(db: Kysely<any>, key: string, value: string, now: Date): Promise<void> {
  await db
    .insertInto('gridwork_meta')
    .values({ key, value, updated_at: now.toISOString() })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now.toISOString() }))
    .execute();
}
