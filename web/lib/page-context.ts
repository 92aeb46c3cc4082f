import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { appRouter, createCaller, createContextInner } from '../../core/api';
import { getRuntime } from '../../core/runtime';
import { requestLang } from '../app/lang';
import { requestUser } from '../app/session';
import { localized, type UiLang } from '../i18n';
import { navItems, type NavItem } from './nav';

export { caseEntity } from './nav';

export interface ShellData {
  lang: UiLang;
  platformName: string;
  districtName: string;
  userName: string;
  nav: NavItem[];
}

/**
 * What every signed-in page starts with: the user (or a redirect to sign in), a tRPC caller acting
 * as them — pages read through the same procedures and scope as the browser would — and the shell.
 */
export async function pageContext() {
  const lang = await requestLang();
  const runtime = await getRuntime();
  const user = await requestUser(runtime, lang);
  if (!user) redirect('/login');
  const { principal } = user;
  const api = createCaller(createContextInner({ runtime, lang, principal, headers: await headers() }));
  const { district } = runtime.bundle;
  const shell: ShellData = {
    lang,
    platformName: localized(district.platformName ?? district.name, lang),
    districtName: localized(district.name, lang),
    userName: principal.name,
    nav: navItems(runtime, user.ctx.ability!, lang),
  };
  return { lang, runtime, principal, ctx: user.ctx, ability: user.ctx.ability!, api, shell, timeZone: district.timeZone };
}

export type PageContext = Awaited<ReturnType<typeof pageContext>>;

/** Whether a tRPC procedure exists (features other branches add, shown only once they are there). */
export function hasProcedure(path: string): boolean {
  return path in (appRouter._def.procedures as Record<string, unknown>);
}
