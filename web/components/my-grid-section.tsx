import { fill, uiText, type UiLang } from '../i18n';
import type { MyGrid } from '../lib/my-grid';

/** The grid worker's registers (residents, places, visits…) as large links, on the tasks page. */
export function MyGridSection({ grid, lang }: { grid: MyGrid; lang: UiLang }) {
  const nf = new Intl.NumberFormat(lang);
  return (
    <section aria-labelledby="my-grid-title" className="gw-my-grid">
      <h2 id="my-grid-title" style={{ fontSize: 17, margin: '16px 0 4px' }}>
        {uiText(lang, 'myGrid.title')}
      </h2>
      <p className="gw-meta" style={{ margin: '0 0 8px' }}>
        {grid.units.join('、')}
      </p>
      {grid.links.length ? (
        <ul className="gw-tiles">
          {grid.links.map((l) => (
            <li key={l.href}>
              <a className="gw-card" href={l.href}>
                <span className="gw-card-title">{l.label}</span>
                <span className="gw-meta">{fill(uiText(lang, 'myGrid.count'), { n: nf.format(l.count) })}</span>
              </a>
            </li>
          ))}
        </ul>
      ) : (
        <p className="gw-meta">{uiText(lang, 'myGrid.none')}</p>
      )}
    </section>
  );
}
