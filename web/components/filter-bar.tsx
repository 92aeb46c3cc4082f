import type { ReactNode } from 'react';
import { uiText, type UiLang } from '../i18n';

/**
 * A list page's filters as a plain GET form: the URL stays the source of truth, so a filtered list
 * works without script, survives a reload and can be shared as a link. The controls are its children.
 */
export function FilterBar({ action, lang, children }: { action: string; lang: UiLang; children: ReactNode }) {
  return (
    <form method="get" action={action} className="gw-filters" aria-label={uiText(lang, 'list.filters')}>
      {children}
      <button type="submit" className="gw-button-primary">
        {uiText(lang, 'list.apply')}
      </button>
    </form>
  );
}
