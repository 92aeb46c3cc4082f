import { packRules } from '@casl/ability/extra';
import { redirect } from 'next/navigation';
import { buildRules } from '../../core/access';
import { getRuntime } from '../../core/runtime';
import { AppShell } from '../components/app-shell';
import { HomeView, type HomeData } from '../components/home-view';
import { pageContext } from '../lib/page-context';
import { localized, uiText } from '../i18n';
import { requestLang } from './lang';
import { requestUser } from './session';

export const dynamic = 'force-dynamic';

const CASE_ENTITY = 'incidentCase';

export default async function HomePage() {
  const lang = await requestLang();
  const runtime = await getRuntime();
  const { district } = runtime.bundle;
  const user = await requestUser(runtime, lang);
  if (!user) redirect('/login');
  const { shell } = await pageContext();
  // Phones first: people who work or follow cases land on their own list, not the dashboard.
  const has = (href: string) => shell.nav.some((n) => n.href === href);
  if (!has('/queue') && has('/tasks')) redirect('/tasks');
  if (!has('/queue') && !has('/tasks') && has('/my-reports')) redirect('/my-reports');
  // Every figure below is read through the user's own scope.
  const { ctx, principal } = user;
  const units = [...runtime.org.all()];
  const hasCases = runtime.registry.has(CASE_ENTITY);
  const workflow = hasCases ? runtime.registry.get(CASE_ENTITY).workflow : undefined;
  const stateLabel = (key: string | null) =>
    key ? localized(workflow?.states.find((s) => s.key === key)?.label, lang) || key : uiText(lang, 'status.none');
  const finalStates = new Set(workflow?.states.filter((s) => s.final).map((s) => s.key));
  const byStatus = hasCases ? await runtime.entities.countBy(ctx, CASE_ENTITY, 'status') : [];
  const recent = hasCases ? (await runtime.entities.list(ctx, CASE_ENTITY, { sort: { field: 'reportedAt', dir: 'desc' }, limit: 10 })).items : [];
  const format = new Intl.DateTimeFormat(lang, { timeZone: district.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const categoryLabel = new Map(district.categories.map((c) => [c.code, localized(c.label, lang)]));
  const channelLabel = new Map(district.channels.map((c) => [c.key, localized(c.label, lang)]));

  const roleLabel = new Map(district.roles.map((r) => [r.key, localized(r.label, lang)]));
  const data: HomeData = {
    user: {
      name: principal.name,
      roles: principal.assignments.map((a) => `${roleLabel.get(a.role) ?? a.role}（${runtime.org.get(a.unitId)?.name ?? a.unitId}）`),
      rules: packRules(buildRules(runtime.bundle, runtime.org, principal)),
    },
    platformName: localized(district.platformName ?? district.name, lang),
    districtName: localized(district.name, lang),
    db: runtime.dialect.name,
    orgUnits: units.length,
    grids: units.filter((u) => ['grid', 'microGrid', 'dedicatedGrid'].includes(u.kind)).length,
    cases: byStatus.reduce((n, s) => n + s.count, 0),
    openCases: byStatus.filter((s) => !finalStates.has(String(s.value))).reduce((n, s) => n + s.count, 0),
    byLevel: district.orgLevels.map((l) => ({ level: l.key, label: localized(l.label, lang), count: units.filter((u) => u.level === l.key).length })),
    byStatus: byStatus.map((s) => ({ status: String(s.value), label: stateLabel(s.value as string | null), count: s.count })),
    recent: recent.map((r) => ({
      id: r.id,
      title: String(r.data.title ?? ''),
      category: categoryLabel.get(String(r.data.category)) ?? String(r.data.category ?? ''),
      channel: channelLabel.get(String(r.data.channel)) ?? String(r.data.channel ?? ''),
      status: stateLabel(r.status),
      reportedAt: r.data.reportedAt ? format.format(new Date(String(r.data.reportedAt))) : '',
      unit: runtime.org.get(r.orgUnitId)?.name ?? r.orgUnitId,
    })),
  };
  return (
    <AppShell shell={shell} current="/">
      <HomeView lang={lang} data={data} />
    </AppShell>
  );
}
