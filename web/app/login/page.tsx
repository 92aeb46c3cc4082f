import { redirect } from 'next/navigation';
import { getRuntime } from '../../../core/runtime';
import { LoginForm } from '../../components/login-form';
import { localized } from '../../i18n';
import { requestLang } from '../lang';
import { requestUser } from '../session';

export const dynamic = 'force-dynamic';

export default async function LoginPage() {
  const lang = await requestLang();
  const runtime = await getRuntime();
  if (await requestUser(runtime, lang)) redirect('/');
  const { district } = runtime.bundle;
  return <LoginForm lang={lang} title={`${localized(district.platformName ?? district.name, lang)} · ${localized(district.name, lang)}`} />;
}
