import type { Kysely } from 'kysely';

export const MAX_FAILURES = 5;
export const WINDOW_MINUTES = 15;

/**
 * Per-username throttling against password guessing: after MAX_FAILURES failed attempts within
 * WINDOW_MINUTES, sign-in for that username is refused until the window has passed. Kept in the
 * database so it holds across restarts and across app instances.
 */
export function loginThrottle(db: Kysely<any>, now: () => Date) {
  const since = () => new Date(now().getTime() - WINDOW_MINUTES * 60_000).toISOString();
  return {
    lockMinutes: WINDOW_MINUTES,
    async isLocked(username: string): Promise<boolean> {
      const lastOk = await db
        .selectFrom('login_attempt')
        .select((eb) => eb.fn.max('at').as('at'))
        .where('username', '=', username)
        .where('ok', '=', 1)
        .executeTakeFirst();
      const from = lastOk?.at && lastOk.at > since() ? lastOk.at : since();
      const row = await db
        .selectFrom('login_attempt')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('username', '=', username)
        .where('ok', '=', 0)
        .where('at', '>', from)
        .executeTakeFirstOrThrow();
      return Number(row.n) >= MAX_FAILURES;
    },
    async record(username: string, ok: boolean, ip: string | null): Promise<void> {
      await db.insertInto('login_attempt').values({ username, at: now().toISOString(), ok: ok ? 1 : 0, ip }).execute();
    },
  };
}
