import { isGridworkError } from '../../../core/errors';
import { getRuntime } from '../../../core/runtime';
import type { UiLang } from '../../i18n';
import { requestUser } from '../session';

type User = NonNullable<Awaited<ReturnType<typeof requestUser>>>;

/** Runs a dashboard read as the signed-in user: the data, or the domain error to show. */
export async function asDashboardUser<T>(lang: UiLang, read: (ctx: User['ctx'], runtime: Awaited<ReturnType<typeof getRuntime>>, principal: User['principal']) => Promise<T>) {
  const runtime = await getRuntime();
  const user = await requestUser(runtime, lang);
  if (!user) return { signedIn: false as const };
  const ctx = { ...user.ctx, roles: [...new Set(user.principal.assignments.map((a) => a.role))], units: [...new Set(user.principal.assignments.map((a) => a.unitId))] };
  try {
    return { signedIn: true as const, runtime, principal: user.principal, data: await read(ctx, runtime, user.principal) };
  } catch (e) {
    if (!isGridworkError(e)) throw e;
    return { signedIn: true as const, runtime, principal: user.principal, error: { kind: e.kind, message: e.message } };
  }
}

export const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
