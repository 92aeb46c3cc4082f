import type { Kysely } from 'kysely';
import { decodeRecord, type Lang, type PluginApi } from '../../core/plugin-sdk';
import type { RiskNoticesSettings } from './settings.generated';

type Api = PluginApi<RiskNoticesSettings>;

export interface AgendaItem {
  kind: 'risk' | 'overdueCase' | 'overdueNotice';
  label: string;
  caseId: string | null;
  noticeId: string | null;
  title: string;
  unitId: string | null;
  riskLevel: string | null;
}

/**
 * A meeting's agenda, read in the caller's transaction: open cases at the configured risk levels
 * and cases with a breached clock, from the source departments (all units when none are listed);
 * the weekly meeting also takes the reminder notices that ran past their deadline.
 */
export async function buildAgenda(plugin: Api, trx: Kysely<any>, meetingKind: string, lang: Lang): Promise<AgendaItem[]> {
  const cases = plugin.runtime.registry.get('incidentCase');
  const finals = cases.workflow!.states.filter((s) => s.final).map((s) => s.key);
  const { agendaRiskLevels = [], agendaLimit = 100, sourceDepartments = [] } = plugin.settings;
  const open = (qb: any) => qb.where('e.deleted_at', 'is', null).where((eb: any) => eb.or([eb('e.status', 'is', null), eb('e.status', 'not in', finals)]));
  // A department's feed: the cases it holds.
  const fromDepartments = (qb: any, unitColumn: string) => (sourceDepartments.length ? qb.where(unitColumn, 'in', sourceDepartments) : qb);
  const items: AgendaItem[] = [];
  if (agendaRiskLevels.length && cases.byField.has('riskLevel')) {
    const rows = await fromDepartments(open(trx.selectFrom(`${cases.table} as e`).selectAll('e').where('e.riskLevel', 'in', agendaRiskLevels)), 'e.org_unit_id')
      .orderBy('e.id').limit(agendaLimit).execute();
    for (const row of rows) {
      const r = decodeRecord(cases, row);
      items.push({ kind: 'risk', label: plugin.t(lang, 'riskItem'), caseId: r.id, noticeId: null, title: String(r.data.title ?? r.id), unitId: r.orgUnitId, riskLevel: (r.data.riskLevel as string) ?? null });
    }
  }
  const overdue = await fromDepartments(
    open(trx.selectFrom('case_clock as k').innerJoin(`${cases.table} as e`, 'e.id', 'k.record_id').selectAll('e')
      .where('k.entity', '=', cases.name).where('k.status', '=', 'breached').where('k.stopped_at', 'is', null)),
    'e.org_unit_id',
  ).orderBy('e.id').limit(agendaLimit).execute();
  for (const row of overdue) {
    if (items.some((i) => i.caseId === row.id && i.kind === 'overdueCase')) continue;
    const r = decodeRecord(cases, row);
    items.push({ kind: 'overdueCase', label: plugin.t(lang, 'overdueItem'), caseId: r.id, noticeId: null, title: String(r.data.title ?? r.id), unitId: r.orgUnitId, riskLevel: (r.data.riskLevel as string) ?? null });
  }
  if (meetingKind === 'weeklyRiskAssignment') {
    const notices = await trx.selectFrom('rn_notice').selectAll().where('kind', '=', 'reminder').where('status', '=', 'overdue').orderBy('deadline_at').execute();
    for (const n of notices) items.push({ kind: 'overdueNotice', label: plugin.t(lang, 'overdueNoticeItem'), caseId: n.case_id ?? null, noticeId: n.id, title: n.subject, unitId: n.unit_id, riskLevel: null });
  }
  return items;
}
