import { AppShell } from '../../components/app-shell';
import { uiText, type UiKey } from '../../i18n';
import { caseLabels } from '../../lib/case-labels';
import { formatDateTime } from '../../lib/format';
import { pageContext } from '../../lib/page-context';

export const dynamic = 'force-dynamic';

const KINDS: Record<string, UiKey> = {
  task: 'notification.task',
  notify: 'notification.notify',
  'notice.reminder': 'notice.reminder',
  'notice.supervision': 'notice.supervision',
};

/** Notifications addressed to my units and roles: new tasks, reminders, supervision notices. */
export default async function NotificationsPage() {
  const { api, runtime, lang, shell, timeZone } = await pageContext();
  const tx = (key: UiKey) => uiText(lang, key);
  const items = await api.case.notifications({ limit: 100 });
  return (
    <AppShell shell={shell} current="/notifications">
      <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{tx('nav.notifications')}</h1>
      {!items.length && <p className="gw-meta">{tx('notification.empty')}</p>}
      <ul className="gw-list">
        {items.map((n) => {
          const labels = caseLabels(runtime, n.entity ?? undefined, lang);
          const body = (
            <>
              <p className="gw-card-title">{KINDS[n.kind] ? tx(KINDS[n.kind]) : n.kind}</p>
              <div className="gw-meta">
                <span>{formatDateTime(n.at, lang, timeZone)}</span>
                <span>{labels.unit(n.unit_id)}</span>
              </div>
            </>
          );
          return (
            <li key={n.id}>
              {n.entity && n.record_id ? (
                <a className="gw-card" href={`/entities/${n.entity}/${n.record_id}`}>
                  {body}
                </a>
              ) : (
                <div className="gw-card">{body}</div>
              )}
            </li>
          );
        })}
      </ul>
    </AppShell>
  );
}
