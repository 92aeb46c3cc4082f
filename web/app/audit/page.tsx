import { queryAudit } from '../../../core/audit';
import { AppShell } from '../../components/app-shell';
import { AuditView } from '../../components/audit-view';
import { pageContext } from '../../lib/page-context';

export const dynamic = 'force-dynamic';

/** The latest audit entries, for users whose role may read the audit log (403 page otherwise). */
export default async function AuditPage() {
  const { lang, runtime, ability, shell } = await pageContext();
  const allowed = ability.can('read', 'AuditLog');
  const page = allowed ? await queryAudit(runtime.db, { limit: 100 }) : { items: [] };
  const format = new Intl.DateTimeFormat(lang, { timeZone: runtime.bundle.district.timeZone, dateStyle: 'short', timeStyle: 'medium' });
  return (
    <AppShell shell={shell} current="/audit">
    <AuditView
      lang={lang}
      allowed={allowed}
      rows={page.items.map((e) => ({ seq: e.seq, at: format.format(new Date(e.at)), actor: e.actorId ?? '', action: e.action, subject: `${e.subjectType} ${e.subjectId ?? ''}`, diff: e.diff ? JSON.stringify(e.diff) : '' }))}
    />
    </AppShell>
  );
}
