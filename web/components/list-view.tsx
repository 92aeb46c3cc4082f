import { uiText, type UiLang } from '../i18n';
import type { ListModel } from '../lib/list-view';

/**
 * A list page's filters and table as plain HTML: filters are a GET form (works without script,
 * every control labelled), sortable headers are links, rows link to the record.
 */
export function ListView({ model, lang, basePath, params }: { model: ListModel; lang: UiLang; basePath: string; params: Record<string, string> }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  const href = (extra: Record<string, string | undefined>) => {
    const q = new URLSearchParams({ ...params });
    q.delete('cursor');
    for (const [k, v] of Object.entries(extra)) {
      if (v) q.set(k, v);
      else q.delete(k);
    }
    const s = q.toString();
    return s ? `${basePath}?${s}` : basePath;
  };
  return (
    <>
      <form method="get" action={basePath} className="gw-filters" aria-label={tx('list.filters')}>
        {model.searchable && (
          <label>
            <span>{tx('list.search')}</span>
            <input type="search" name="q" defaultValue={model.search} />
          </label>
        )}
        {model.filters.map((f) => (
          <label key={f.name}>
            <span>{f.label}</span>
            <select name={f.name} defaultValue={f.value}>
              {f.name !== 'kind' && <option value="">{tx('list.any')}</option>}
              {f.options?.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </label>
        ))}
        {model.sort && <input type="hidden" name="sort" value={model.sort.field} />}
        {model.sort && <input type="hidden" name="dir" value={model.sort.dir} />}
        <button type="submit" className="gw-button-primary">
          {tx('list.apply')}
        </button>
      </form>
      <div style={{ overflowX: 'auto' }}>
        <table className="gw-table">
          <thead>
            <tr>
              {model.columns.map((c) => {
                const active = model.sort?.field === c.field;
                const dir = active && model.sort?.dir === 'desc' ? 'asc' : 'desc';
                return (
                  <th key={c.field} scope="col" aria-sort={active ? (model.sort!.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                    {c.sortable ? (
                      <a href={href({ sort: c.field, dir })}>
                        {c.label}
                        {active ? (model.sort!.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                      </a>
                    ) : (
                      c.label
                    )}
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {model.rows.map((r) => (
              <tr key={r.id} data-record-id={r.id}>
                {r.cells.map((cell, i) => (
                  <td key={i} data-label={i === 0 ? undefined : model.columns[i]?.label} className={i === r.cells.length - 1 && r.overdue ? 'gw-overdue' : undefined}>
                    {i === 0 ? <a href={r.href}>{cell || r.id}</a> : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {!model.rows.length && <p className="gw-meta">{tx('list.empty')}</p>}
      {model.nextCursor && (
        <p>
          <a className="gw-button-primary" href={`${href({})}${href({}).includes('?') ? '&' : '?'}cursor=${encodeURIComponent(model.nextCursor)}`}>
            {tx('list.more')}
          </a>
        </p>
      )}
    </>
  );
}
