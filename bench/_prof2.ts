import { buildAbility } from '../core/access';
import { localDay, addDays } from '../core/dashboard';
import { zhengzhou, seedHistory, principal } from './dashboard-benchmarks';
const { runtime, close } = await zhengzhou((process.env.D as any) ?? 'sqlite');
const today = localDay(runtime.now(), 'Asia/Shanghai');
await seedHistory(runtime, today, console.log);
const district = [...runtime.org.all()].find((u) => u.level === 'district' && u.kind === 'area')!;
const centre = runtime.org.children(district.id).find((u) => u.kind === 'commandCentre')!;
const p = principal('b', 'districtDispatcher', centre.id);
const ctx = { lang: 'en' as const, actor: { id: p.id }, ability: buildAbility(runtime.bundle, runtime.org, p), roles: ['districtDispatcher'], units: [centre.id] };
const time = async (name: string, fn: () => Promise<unknown>) => { const t = performance.now(); const r: any = await fn(); console.log(name, (performance.now() - t).toFixed(1), Array.isArray(r) ? r.length : ''); };
const days: string[] = []; for (let d = '2026-01-01'; d <= today; d = addDays(d, 1)) days.push(d);
const up = district.path.slice(0, -1) + '0';
for (let i = 0; i < 3; i++) {
  await time('figures', () => runtime.dashboard.figures(ctx));
  await time('caserows-in', () => runtime.db.selectFrom('case_rollup').selectAll().where('entity', '=', 'incidentCase').where('day', 'in', days).where('org_path', '>=', district.path).where('org_path', '<', up).execute());
  await time('clockrows-in', () => runtime.db.selectFrom('clock_rollup').selectAll().where('entity', '=', 'incidentCase').where('day', 'in', days).where('unit_path', '>=', district.path).where('unit_path', '<', up).execute());
  await time('count-all', () => runtime.db.selectFrom('case_rollup').select((eb) => eb.fn.countAll().as('n')).execute());
}
console.log(await runtime.dialect.explain(runtime.db, runtime.db.selectFrom('case_rollup').selectAll().where('entity', '=', 'incidentCase').where('day', 'in', days).where('org_path', '>=', district.path).where('org_path', '<', up).compile()));
await close();
