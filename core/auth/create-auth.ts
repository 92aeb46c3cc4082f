import { APIError, betterAuth } from 'better-auth';
import { createAuthMiddleware } from 'better-auth/api';
import { username } from 'better-auth/plugins';
import type { Kysely } from 'kysely';
import type { AuditEntryInput } from '../audit';
import type { GridworkDialect } from '../db';
import { t, type Lang } from '../i18n';
import { loginThrottle } from './login-throttle';

export interface AuthOptions {
  db: Kysely<any>;
  dialect: GridworkDialect;
  secret: string;
  /** Public origin, e.g. https://grid.example.gov.cn; cookies are Secure when it is https. */
  baseURL: string;
  lang: Lang;
  now: () => Date;
  audit: (db: Kysely<any>, entries: AuditEntryInput[]) => Promise<void>;
}

export const SESSION_HOURS = 8;

/**
 * better-auth on our own Kysely instance (both dialects): username + password, sessions in
 * http-only cookies, no self sign-up (accounts are created by admins), failed sign-ins throttled
 * per username, disabled accounts refused, and every sign-in attempt in the audit log.
 */
export function createAuth(options: AuthOptions) {
  const { db, dialect, lang } = options;
  const throttle = loginThrottle(db, options.now);
  const signInPath = '/sign-in/username';
  const ipOf = (headers: Headers | undefined) => headers?.get('x-forwarded-for')?.split(',')[0].trim() ?? headers?.get('x-real-ip') ?? null;

  return betterAuth({
    appName: 'Gridwork',
    database: { db, type: dialect.name },
    secret: options.secret,
    baseURL: options.baseURL,
    basePath: '/api/auth',
    telemetry: { enabled: false },
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 128 },
    plugins: [username({ minUsernameLength: 2, maxUsernameLength: 32 })],
    user: { additionalFields: { disabled: { type: 'boolean', defaultValue: false, input: false } } },
    session: { expiresIn: SESSION_HOURS * 3600, updateAge: 3600 },
    rateLimit: { enabled: true, storage: 'database', window: 60, max: 300, customRules: { [signInPath]: { window: 60, max: 30 } } },
    advanced: {
      useSecureCookies: options.baseURL.startsWith('https://'),
      cookiePrefix: 'gridwork',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    databaseHooks: {
      session: {
        create: {
          async before(session) {
            const user = await db.selectFrom('user').select(['disabled']).where('id', '=', session.userId).executeTakeFirst();
            if (!user || user.disabled === true || user.disabled === 1) {
              throw new APIError('FORBIDDEN', { message: t(lang, 'auth.disabled'), code: 'ACCOUNT_DISABLED' });
            }
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== signInPath) return;
        const name = String((ctx.body as { username?: unknown })?.username ?? '').toLowerCase();
        if (await throttle.isLocked(name)) {
          await options.audit(db, [{ actorId: null, action: 'signInThrottled', subjectType: 'User', subjectId: name, ip: ipOf(ctx.headers) }]);
          throw new APIError('TOO_MANY_REQUESTS', { message: t(lang, 'auth.throttled', { minutes: throttle.lockMinutes }), code: 'THROTTLED' });
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== signInPath && ctx.path !== '/sign-out') return;
        const returned = ctx.context.returned;
        const failed = returned instanceof APIError || returned instanceof Error;
        if (ctx.path === '/sign-out') return;
        const name = String((ctx.body as { username?: unknown })?.username ?? '').toLowerCase();
        const userId = ctx.context.newSession?.user.id ?? null;
        await throttle.record(name, !failed, ipOf(ctx.headers));
        await options.audit(db, [
          { actorId: userId, action: failed ? 'signInFailed' : 'signIn', subjectType: 'User', subjectId: userId ?? name, ip: ipOf(ctx.headers) },
        ]);
      }),
    },
  });
}

export type GridworkAuth = ReturnType<typeof createAuth>;
