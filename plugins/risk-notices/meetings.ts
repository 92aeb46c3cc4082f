import { newRecordId, NotFoundError, ValidationError, type Lang, type PluginApi } from '../../core/plugin-sdk';
import { buildAgenda, type AgendaItem } from './agenda';
import { attachSupervisions, checkNotice, issueReminder, noticeView, type NoticeInput } from './notices';
import type { RiskNoticesSettings } from './settings.generated';

type Api = PluginApi<RiskNoticesSettings>;

export interface MeetingInput { kind: string; heldAt?: string; attendees: { name: string; unitId?: string }[] }
export interface DecisionInput { meetingId: string; text: string; caseId?: string; notice?: Omit<NoticeInput, 'caseId'> & { caseId?: string } }

/** Holds a meeting: its agenda is built from the open risks and overdue cases at this moment. */
export async function holdMeeting(plugin: Api, userId: string, input: MeetingInput, lang: Lang) {
  if (!(plugin.settings.meetings ?? []).some((m) => m.key === input.kind)) {
    const message = plugin.t(lang, 'meetingNotConfigured', { kind: input.kind });
    throw new ValidationError(message, [{ path: '/kind', message, code: 'enum' }]);
  }
  for (const [i, a] of input.attendees.entries()) {
    if (a.unitId && !plugin.runtime.org.get(a.unitId)) {
      const message = plugin.t(lang, 'unknownUnit', { id: a.unitId });
      throw new ValidationError(message, [{ path: `/attendees/${i}/unitId`, message, code: 'unknownUnit' }]);
    }
  }
  const id = newRecordId();
  const heldAt = input.heldAt ? new Date(input.heldAt).toISOString() : plugin.now().toISOString();
  await plugin.runtime.db.transaction().execute(async (trx) => {
    const agenda = await buildAgenda(plugin, trx, input.kind, lang);
    await trx.insertInto('rn_meeting').values({ id, kind: input.kind, held_at: heldAt, attendees: JSON.stringify(input.attendees), agenda: JSON.stringify(agenda), created_by: userId }).execute();
    if (input.kind === 'weeklyRiskAssignment') await attachSupervisions(trx, id);
  });
  return meeting(plugin, id, lang);
}

/** A meeting with its agenda, decisions and the notices issued at or for it. */
export async function meeting(plugin: Api, id: string, lang: Lang) {
  const db = plugin.runtime.db;
  const m = await db.selectFrom('rn_meeting').selectAll().where('id', '=', id).executeTakeFirst();
  if (!m) throw new NotFoundError(plugin.t(lang, 'unknownMeeting', { id }));
  const decisions = await db.selectFrom('rn_decision').selectAll().where('meeting_id', '=', id).orderBy('created_at').orderBy('id').execute();
  const notices = await db.selectFrom('rn_notice').selectAll().where('meeting_id', '=', id).orderBy('issued_at').orderBy('id').execute();
  return {
    id: m.id as string,
    kind: m.kind as string,
    heldAt: m.held_at as string,
    attendees: JSON.parse(m.attendees) as MeetingInput['attendees'],
    agenda: JSON.parse(m.agenda) as AgendaItem[],
    decisions: decisions.map((d) => ({ id: d.id as string, text: d.text as string, caseId: (d.case_id as string | null) ?? null, createdAt: d.created_at as string })),
    notices: notices.map(noticeView),
  };
}

/** Records a decision; with a notice, it issues a risk reminder notice to the unit. */
export async function decide(plugin: Api, input: DecisionInput, lang: Lang) {
  if (input.notice) checkNotice(plugin, { ...input.notice, caseId: input.notice.caseId ?? input.caseId }, '/notice', lang);
  return plugin.runtime.db.transaction().execute(async (trx) => {
    const m = await trx.selectFrom('rn_meeting').select('id').where('id', '=', input.meetingId).executeTakeFirst();
    if (!m) throw new NotFoundError(plugin.t(lang, 'unknownMeeting', { id: input.meetingId }));
    const decisionId = newRecordId();
    await trx.insertInto('rn_decision').values({ id: decisionId, meeting_id: input.meetingId, text: input.text, case_id: input.caseId ?? null, created_at: plugin.now().toISOString() }).execute();
    const noticeId = input.notice ? await issueReminder(plugin, trx, { ...input.notice, caseId: input.notice.caseId ?? input.caseId }, { meetingId: input.meetingId, decisionId }) : null;
    return { decisionId, noticeId };
  });
}

export async function listNotices(plugin: Api, filter: { unitIds?: string[]; status?: string; kind?: string }) {
  let q = plugin.runtime.db.selectFrom('rn_notice').selectAll().orderBy('issued_at').orderBy('id');
  if (filter.unitIds) q = q.where('unit_id', 'in', filter.unitIds.length ? filter.unitIds : ['']);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  return (await q.execute()).map(noticeView);
}

/**
 * Per-unit figures for performance assessment (考核): reminder notices received, closed by their
 * deadline, run overdue (so supervised), supervision notices closed and still open.
 */
export async function performance(plugin: Api, range: { from?: string; to?: string }) {
  let q = plugin.runtime.db.selectFrom('rn_notice').select(['unit_id', 'kind', 'status', 'deadline_at', 'closed_at']);
  if (range.from) q = q.where('issued_at', '>=', new Date(range.from).toISOString());
  if (range.to) q = q.where('issued_at', '<', new Date(range.to).toISOString());
  const byUnit = new Map<string, { unitId: string; unitName: string; reminders: number; closedOnTime: number; overdue: number; supervisions: number; supervisionsClosed: number; open: number }>();
  for (const n of await q.execute()) {
    let u = byUnit.get(n.unit_id);
    if (!u) byUnit.set(n.unit_id, (u = { unitId: n.unit_id, unitName: plugin.runtime.org.get(n.unit_id)?.name ?? n.unit_id, reminders: 0, closedOnTime: 0, overdue: 0, supervisions: 0, supervisionsClosed: 0, open: 0 }));
    if (n.status !== 'closed') u.open++;
    if (n.kind === 'reminder') {
      u.reminders++;
      if (n.status === 'closed' && n.closed_at <= n.deadline_at) u.closedOnTime++;
      if (n.status === 'overdue' || (n.status === 'closed' && n.closed_at > n.deadline_at)) u.overdue++;
    } else {
      u.supervisions++;
      if (n.status === 'closed') u.supervisionsClosed++;
    }
  }
  return [...byUnit.values()].map((u) => ({ ...u, onTimeRate: u.reminders ? Math.round((u.closedOnTime / u.reminders) * 1000) / 1000 : null })).sort((a, b) => a.unitId.localeCompare(b.unitId));
}

/** Meetings, newest first, optionally of one kind, with how many decisions and notices each has. */
export async function listMeetings(plugin: Api, filter: { kind?: string }) {
  const { db } = plugin.runtime;
  let q = db.selectFrom('rn_meeting').select(['id', 'kind', 'held_at', 'attendees', 'agenda']).orderBy('held_at', 'desc').orderBy('id', 'desc').limit(200);
  if (filter.kind) q = q.where('kind', '=', filter.kind);
  const rows = await q.execute();
  const ids = rows.map((r) => r.id as string);
  const count = async (table: 'rn_decision' | 'rn_notice') => {
    if (!ids.length) return new Map<string, number>();
    const counted = await db.selectFrom(table).select(['meeting_id', (eb) => eb.fn.countAll().as('n')]).where('meeting_id', 'in', ids).groupBy('meeting_id').execute();
    return new Map(counted.map((c) => [c.meeting_id as string, Number(c.n)]));
  };
  const [decisions, notices] = await Promise.all([count('rn_decision'), count('rn_notice')]);
  return rows.map((r) => ({
    id: r.id as string,
    kind: r.kind as string,
    heldAt: r.held_at as string,
    attendees: (JSON.parse(r.attendees) as unknown[]).length,
    agendaItems: (JSON.parse(r.agenda) as unknown[]).length,
    decisions: decisions.get(r.id) ?? 0,
    notices: notices.get(r.id) ?? 0,
  }));
}
