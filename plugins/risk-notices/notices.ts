import type { Kysely } from 'kysely';
import { ConflictError, createValidator, ForbiddenError, newRecordId, NotFoundError, ValidationError, type Lang, type PluginApi } from '../../core/plugin-sdk';
import type { RiskNoticesSettings } from './settings.generated';

type Api = PluginApi<RiskNoticesSettings>;

/** Who acts: an analyst (any notice) or a member of units (their own notices). */
export interface Actor { lang: Lang; userId: string; analyst: boolean; unitIds: string[] }

export interface NoticeInput { unitId: string; subject: string; deadline: string; caseId?: string }
export interface ClosureInput { noticeId: string; evidence: { text: string; uploadIds?: string[] } }

export const noticeSchema = {
  type: 'object',
  properties: {
    unitId: { type: 'string', minLength: 1, maxLength: 64 },
    subject: { type: 'string', minLength: 2, maxLength: 200 },
    deadline: { type: 'string', format: 'date-time' },
    caseId: { type: 'string', minLength: 1, maxLength: 64 },
  },
  required: ['unitId', 'subject', 'deadline'],
  additionalProperties: false,
};

export const validateClosure = createValidator<ClosureInput>({
  type: 'object',
  properties: {
    noticeId: { type: 'string', minLength: 1, maxLength: 64 },
    evidence: {
      type: 'object',
      properties: { text: { type: 'string', minLength: 2, maxLength: 2000 }, uploadIds: { type: 'array', maxItems: 9, items: { type: 'string', minLength: 1, maxLength: 64 } } },
      required: ['text'],
      additionalProperties: false,
    },
  },
  required: ['noticeId', 'evidence'],
  additionalProperties: false,
});

const fail = (plugin: Api, lang: Lang, path: string, key: string, params: Record<string, string> = {}, code = key) => {
  const message = plugin.t(lang, key, params);
  return new ValidationError(message, [{ path, message, code }]);
};

/** Checks a notice's unit and deadline (the schema has checked the shape). */
export function checkNotice(plugin: Api, input: NoticeInput, path: string, lang: Lang) {
  if (!plugin.runtime.org.get(input.unitId)) throw fail(plugin, lang, `${path}/unitId`, 'unknownUnit', { id: input.unitId });
  if (new Date(input.deadline).getTime() <= plugin.now().getTime()) throw fail(plugin, lang, `${path}/deadline`, 'deadlinePast');
}

/** Issues a risk reminder notice (风险提醒单) in the caller's transaction, and tells the unit. */
export async function issueReminder(plugin: Api, trx: Kysely<any>, input: NoticeInput, from: { meetingId: string; decisionId: string }) {
  const now = plugin.now().toISOString();
  const id = newRecordId();
  await trx.insertInto('rn_notice').values({
    id, kind: 'reminder', parent_id: null, decision_id: from.decisionId, meeting_id: from.meetingId, unit_id: input.unitId, case_id: input.caseId ?? null,
    subject: input.subject, issued_at: now, deadline_at: new Date(input.deadline).toISOString(), status: 'open', closed_at: null, closed_by: null, evidence: null,
  }).execute();
  await notifyUnit(trx, id, input.unitId, 'riskNotices.reminder', now, { deadline: input.deadline });
  return id;
}

async function notifyUnit(trx: Kysely<any>, noticeId: string, unitId: string, kind: string, at: string, data: Record<string, unknown>) {
  await trx.insertInto('notification').values({ id: newRecordId(), entity: 'riskNotice', record_id: noticeId, unit_id: unitId, role: null, kind, at, data: JSON.stringify(data) }).execute();
}

/**
 * The durable job: every reminder notice still open past its deadline becomes overdue and a
 * supervision notice (风险督办单) follows it up, issued for the next weekly risk assignment meeting
 * (it joins that meeting's agenda and record). Idempotent: an overdue reminder is not looked at again.
 */
export async function escalateOverdue(plugin: Api, trx: Kysely<any>) {
  const now = plugin.now();
  const due = await trx.selectFrom('rn_notice').selectAll().where('kind', '=', 'reminder').where('status', '=', 'open').where('deadline_at', '<', now.toISOString()).execute();
  const deadline = new Date(now.getTime() + plugin.settings.supervisionDays! * 86_400_000).toISOString();
  for (const reminder of due) {
    const claimed = await trx.updateTable('rn_notice').set({ status: 'overdue' }).where('id', '=', reminder.id).where('status', '=', 'open').executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) continue;
    const id = newRecordId();
    await trx.insertInto('rn_notice').values({
      id, kind: 'supervision', parent_id: reminder.id, decision_id: null, meeting_id: null, unit_id: reminder.unit_id, case_id: reminder.case_id,
      subject: plugin.t(plugin.runtime.bundle.district.locale as Lang, 'supervisionSubject', { subject: reminder.subject }),
      issued_at: now.toISOString(), deadline_at: deadline, status: 'open', closed_at: null, closed_by: null, evidence: null,
    }).execute();
    await notifyUnit(trx, id, reminder.unit_id, 'riskNotices.supervision', now.toISOString(), { reminderId: reminder.id, deadline });
  }
  return due.length;
}

/** A weekly meeting takes on the supervision notices issued since the last one. */
export async function attachSupervisions(trx: Kysely<any>, meetingId: string) {
  await trx.updateTable('rn_notice').set({ meeting_id: meetingId }).where('kind', '=', 'supervision').where('meeting_id', 'is', null).execute();
}

/**
 * Closes off (销号) a notice with evidence: an analyst may close any, a unit its own. Closing a
 * supervision notice closes the overdue reminder it followed up.
 */
export async function closeNotice(plugin: Api, who: Actor, body: unknown) {
  const input = validateClosure(body, who.lang);
  const { lang } = who;
  return plugin.runtime.db.transaction().execute(async (trx) => {
    const notice = await trx.selectFrom('rn_notice').selectAll().where('id', '=', input.noticeId).executeTakeFirst();
    if (!notice) throw new NotFoundError(plugin.t(lang, 'unknownNotice', { id: input.noticeId }));
    if (!who.analyst && !who.unitIds.includes(notice.unit_id)) throw new ForbiddenError(plugin.t(lang, 'forbidden'));
    if (notice.status === 'closed') throw new ConflictError(plugin.t(lang, 'noticeClosed', { id: notice.id }));
    const uploadIds = input.evidence.uploadIds ?? [];
    for (const [i, id] of uploadIds.entries()) {
      const upload = await trx.selectFrom('upload').select('status').where('id', '=', id).executeTakeFirst();
      if (upload?.status !== 'complete') throw fail(plugin, lang, `/evidence/uploadIds/${i}`, 'unknownUpload', { id });
    }
    const now = plugin.now().toISOString();
    const evidence = JSON.stringify({ text: input.evidence.text, uploadIds });
    const close = (id: string) => trx.updateTable('rn_notice').set({ status: 'closed', closed_at: now, closed_by: who.userId, evidence }).where('id', '=', id).execute();
    await close(notice.id);
    if (notice.kind === 'supervision' && notice.parent_id) await close(notice.parent_id);
    return noticeView(await trx.selectFrom('rn_notice').selectAll().where('id', '=', notice.id).executeTakeFirstOrThrow());
  });
}

export const noticeView = (n: Record<string, any>) => ({
  id: n.id as string,
  kind: n.kind as 'reminder' | 'supervision',
  parentId: (n.parent_id as string | null) ?? null,
  meetingId: (n.meeting_id as string | null) ?? null,
  decisionId: (n.decision_id as string | null) ?? null,
  unitId: n.unit_id as string,
  caseId: (n.case_id as string | null) ?? null,
  subject: n.subject as string,
  issuedAt: n.issued_at as string,
  deadline: n.deadline_at as string,
  status: n.status as 'open' | 'overdue' | 'closed',
  closedAt: (n.closed_at as string | null) ?? null,
  evidence: n.evidence ? (JSON.parse(n.evidence) as { text: string; uploadIds: string[] }) : null,
});
