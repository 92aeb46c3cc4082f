import { Alert } from 'antd';
import { fill, uiText, type UiLang } from '../../i18n';

export interface DraftState {
  activeVersion: number;
  draft: null | { baseVersion: number; changed: { path: string }[] };
}

/** Above every studio page: how many files the shared draft changes, and where to publish them. */
export function DraftBanner({ lang, state }: { lang: UiLang; state: DraftState }) {
  const changed = state.draft?.changed.length ?? 0;
  if (!state.draft || changed === 0) {
    return <p className="gw-studio-version">{fill(uiText(lang, 'studio.draft.none'), { version: state.activeVersion })}</p>;
  }
  return (
    <div data-draft-files={changed}>
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={fill(uiText(lang, 'studio.draft.banner'), { count: changed, base: state.draft.baseVersion })}
        action={<a href="/studio/versions">{uiText(lang, 'studio.draft.review')}</a>}
      />
    </div>
  );
}
