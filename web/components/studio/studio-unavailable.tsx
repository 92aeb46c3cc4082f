import { Alert } from 'antd';
import { uiText, type UiLang } from '../../i18n';

/** In place of a studio page whose server procedures are not installed. */
export function StudioUnavailable({ lang }: { lang: UiLang }) {
  return <Alert type="info" showIcon title={uiText(lang, 'studio.edit.unavailable')} />;
}
