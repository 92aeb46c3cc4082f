import { formatRemaining } from '../lib/format';
import { fill, uiText, type UiLang } from '../i18n';

export interface CaseCard {
  id: string;
  href: string;
  title: string;
  status: string;
  meta: string[];
  clock?: { label: string; remainingMinutes: number; dueAt: string };
}

/** Cases as big tappable cards (phones first): title, state, where, and the nearest deadline. */
export function CaseCards({ cards, lang, empty }: { cards: CaseCard[]; lang: UiLang; empty: string }) {
  if (!cards.length) return <p className="gw-meta">{empty}</p>;
  return (
    <ul className="gw-list" aria-live="polite">
      {cards.map((c) => (
        <li key={c.id}>
          <a className="gw-card" href={c.href} data-case-id={c.id}>
            <p className="gw-card-title">{c.title}</p>
            <div className="gw-meta">
              <span className="gw-status">{c.status}</span>
              {c.meta.map((m, i) => (
                <span key={i}>{m}</span>
              ))}
            </div>
            {c.clock && (
              <div className={c.clock.remainingMinutes < 0 ? 'gw-overdue' : 'gw-ok'} style={{ marginTop: 4 }}>
                {fill(uiText(lang, 'clock.line'), { clock: c.clock.label, time: formatRemaining(c.clock.remainingMinutes, lang) })}
              </div>
            )}
          </a>
        </li>
      ))}
    </ul>
  );
}
