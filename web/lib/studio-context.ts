import { pageContext, type PageContext } from './page-context';

/** Whether the signed-in user may use the admin studio: the `configure` right on Config, nothing else. */
export function canConfigure(pc: Pick<PageContext, 'ability'>): boolean {
  return pc.ability.can('configure', 'Config');
}

/**
 * The page context of a studio page, or undefined for a user without the `configure` right. The
 * studio layout already shows them the 403 page; pages check again because Next renders a page even
 * when its layout leaves it out, and a page must not load configuration for such a user.
 */
export async function studioContext(): Promise<PageContext | undefined> {
  const pc = await pageContext();
  return canConfigure(pc) ? pc : undefined;
}
