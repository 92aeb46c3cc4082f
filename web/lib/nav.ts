import type { AppAbility } from '../../core/access';
import type { Runtime } from '../../core/runtime';
import { localized, uiText, type UiLang } from '../i18n';
import { pluginNavItems } from './plugin-ui';

/** The entity that runs through the case workflow (incidentCase in the shipped districts). */
export function caseEntity(runtime: Runtime): string | undefined {
  const all = runtime.registry.all().filter((e) => e.workflow);
  return (all.find((e) => e.name === 'incidentCase') ?? all[0])?.name;
}

export interface NavItem {
  href: string;
  label: string;
}

/**
 * The menu from what the user may do: work queues for those who work cases, the command centre's
 * queue for dispatchers, "my reports" for people who only report, and a list page for every entity
 * (plugins' included) the user may read; then the enabled plugins' own entries the user may see,
 * each plugin's label replacing the generic one when both lead to the same page.
 */
export function navItems(runtime: Runtime, ability: AppAbility, lang: UiLang): NavItem[] {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const items: NavItem[] = [{ href: '/', label: tx('nav.home') }];
  const name = caseEntity(runtime);
  const cases = name ? runtime.registry.get(name) : undefined;
  const transitions = cases?.workflow?.transitions.filter((t) => !t.system).map((t) => `transition:${t.key}`) ?? [];
  const works = !!cases && transitions.some((a) => ability.can(a, cases.subject));
  const dispatches = !!cases && ability.can('dispatch', cases.subject);
  if (works) items.push({ href: '/tasks', label: tx('nav.tasks') });
  if (cases && ability.can('create', cases.subject)) items.push({ href: '/report', label: tx('nav.report') });
  if (dispatches) items.push({ href: '/queue', label: tx('nav.queue') });
  if (cases && ability.can('supervise', cases.subject)) items.push({ href: '/supervision', label: tx('nav.supervision') });
  if (cases && !works && !dispatches && ability.can('read', cases.subject)) items.push({ href: '/my-reports', label: tx('nav.myReports') });
  if (works || dispatches) items.push({ href: '/notifications', label: tx('nav.notifications') });
  for (const entity of runtime.registry.all()) {
    if (entity === cases && !works && !dispatches) continue;
    if (ability.can('read', entity.subject)) items.push({ href: `/entities/${entity.name}`, label: localized(entity.def.label, lang) });
  }
  for (const item of pluginNavItems(runtime.plugins?.ui() ?? [], ability, lang)) {
    const same = items.find((i) => i.href === item.href);
    if (same) same.label = item.label;
    else items.push(item);
  }
  if (ability.can('configure', 'Config')) {
    items.push({ href: '/intake/dead-letters', label: tx('nav.deadLetters') });
    items.push({ href: '/intake/outbox', label: tx('nav.outbox') });
  }
  if (ability.can('read', 'AuditLog')) items.push({ href: '/audit', label: tx('nav.audit') });
  if (ability.can('configure', 'Config')) items.push({ href: '/studio', label: tx('nav.studio') });
  return items;
}
