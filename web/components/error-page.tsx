import { Result } from 'antd';
import { uiText, type UiLang } from '../i18n';
import type { LoadFailure } from '../lib/load-record';

/** The 403 / 404 page shown in place of a record the user may not open or that does not exist. */
export function ErrorPage({ lang, reason }: { lang: UiLang; reason: LoadFailure }) {
  const tx = (key: Parameters<typeof uiText>[1]) => uiText(lang, key);
  if (reason === 'forbidden') return <Result status="403" title="403" subTitle={tx('error.forbidden')} extra={<a href="/">{tx('error.home')}</a>} />;
  if (reason === 'notFound') return <Result status="404" title="404" subTitle={tx('error.notFound')} extra={<a href="/">{tx('error.home')}</a>} />;
  return <Result status="warning" title={tx('error.invalid')} extra={<a href="/">{tx('error.home')}</a>} />;
}
