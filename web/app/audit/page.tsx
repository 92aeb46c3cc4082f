import { redirect } from 'next/navigation';
import { queryAudit } from '../../../core/audit';
import { getRuntime } from '../../../core/runtime';
import { AuditView } from '../../components/audit-view';
import { requestLang } from '../lang';
import { requestUser } from '../session';

export const dynamic = 'force-dynamic';

/** The latest audit entries, for users whose role may read the audit log (403 page otherwise). */
export default async function AuditPage() {
  const lang = await requestLang();
  const runtime = await getRuntime();
  const user = await requestUser(runtime, lang);
  if (!user) redirect('/login');
  const allowed = user.ctx.ability!.can('read', 'AuditLog');
  const page = allowed ? await queryAudit(runtime.db, { limit: 100 }) : { items: [] };
  const format = new Intl.DateTimeFormat(lang, { timeZone: runtime.bundle.district.timeZone, dateStyle: 'short', timeStyle: 'medium' });
  return (
    <AuditView
      lang={lang}
      allowed={allowed}
      rows={page.items.map((e) => ({ seq: e.seq, at: format.format(new Date(e.at)), actor: e.actorId ?? '', action: e.action, subject: `${e.subjectType} ${e.subjectId ?? ''}`, diff: e.diff ? JSON.stringify(e.diff) : '' }))}
    />
  );
}
