import { uiText, type UiLang } from '../i18n';
import type { ListModel } from '../lib/list-view';
import { FilterBar } from './filter-bar';
import { FilterSelect } from './filter-select';
import { ListTable } from './list-table';

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
  const more = model.nextCursor ? href({}) : undefined;
  return (
    <>
      <FilterBar action={basePath} lang={lang}>
        {model.searchable && (
          <label>
            <span>{tx('list.search')}</span>
            <input type="search" name="q" defaultValue={model.search} />
          </label>
        )}
        {model.filters.map((f) => (
          <FilterSelect key={f.name} label={f.label} name={f.name} value={f.value} options={f.options ?? []} lang={lang} anyOption={f.name !== 'kind'} />
        ))}
        {model.sort && <input type="hidden" name="sort" value={model.sort.field} />}
        {model.sort && <input type="hidden" name="dir" value={model.sort.dir} />}
      </FilterBar>
      <ListTable
        lang={lang}
        columns={model.columns.map((c) => {
          const active = model.sort?.field === c.field;
          const dir = active && model.sort?.dir === 'desc' ? 'asc' : 'desc';
          return {
            sort: active ? (model.sort!.dir === 'asc' ? 'ascending' : 'descending') : undefined,
            label: c.sortable ? (
              <a href={href({ sort: c.field, dir })}>
                {c.label}
                {active ? (model.sort!.dir === 'asc' ? ' ▲' : ' ▼') : ''}
              </a>
            ) : (
              c.label
            ),
          };
        })}
        rows={model.rows}
        row={(r) => (
          <tr key={r.id} data-record-id={r.id}>
            {r.cells.map((cell, i) => (
              <td key={i} data-label={i === 0 ? undefined : model.columns[i]?.label} className={i === r.cells.length - 1 && r.overdue ? 'gw-overdue' : undefined}>
                {i === 0 ? <a href={r.href}>{cell || r.id}</a> : cell}
              </td>
            ))}
          </tr>
        )}
        moreHref={more && `${more}${more.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(model.nextCursor!)}`}
      />
    </>
  );
}
