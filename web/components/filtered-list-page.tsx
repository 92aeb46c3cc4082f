import type { ReactNode } from 'react';
import { uiText, type UiKey } from '../i18n';
import type { LoadFailure } from '../lib/load-record';
import type { ShellData } from '../lib/page-context';
import { AppShell } from './app-shell';
import { ErrorPage } from './error-page';
import { FilterBar } from './filter-bar';
import { ListTable } from './list-table';

/**
 * A titled page listing what one server read (attempt()) returned: its filters (FilterSelects in a
 * GET form on the page's own address), then the table, one row an item; under the same title, the
 * error page (403, 404…) instead when the read was refused.
 */
export function FilteredListPage<T>(props: {
  shell: ShellData;
  current: string;
  title: ReactNode;
  loaded: { ok: true; value: readonly T[] } | { ok: false; reason: LoadFailure };
  filters: ReactNode;
  columns: readonly UiKey[];
  row: (item: T) => ReactNode;
}) {
  const { shell, current, title, loaded, filters, columns, row } = props;
  const lang = shell.lang;
  return (
    <AppShell shell={shell} current={current}>
      <h1 style={{ fontSize: 20, margin: '4px 0 12px' }}>{title}</h1>
      {loaded.ok ? (
        <>
          <FilterBar action={current} lang={lang}>
            {filters}
          </FilterBar>
          <ListTable lang={lang} columns={columns.map((key) => ({ label: uiText(lang, key) }))} rows={loaded.value} row={row} />
        </>
      ) : (
        <ErrorPage lang={lang} reason={loaded.reason} />
      )}
    </AppShell>
  );
}
