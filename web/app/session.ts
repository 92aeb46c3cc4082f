import { headers } from 'next/headers';
import { buildAbility } from '../../core/access';
import { loadPrincipal, type UserProfile } from '../../core/auth';
import type { ServiceContext } from '../../core/entities';
import type { Runtime } from '../../core/runtime';
import type { UiLang } from '../i18n';

/** The signed-in, enabled user of this request, with the service context their reads run under. */
export async function requestUser(runtime: Runtime, lang: UiLang): Promise<{ principal: UserProfile; ctx: ServiceContext } | undefined> {
  const session = await runtime.auth.api.getSession({ headers: await headers() }).catch(() => null);
  if (!session?.user) return undefined;
  const principal = await loadPrincipal(runtime.db, session.user.id);
  if (!principal || principal.disabled) return undefined;
  return { principal, ctx: { lang, actor: { id: principal.id }, ability: buildAbility(runtime.bundle, runtime.org, principal) } };
}
