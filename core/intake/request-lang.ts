import { parseLang, type Lang } from '../i18n';

/** Language of an outside caller's messages: X-Gridwork-Lang, then Accept-Language, then the server's. */
export function requestLang(req: Request, fallback: Lang): Lang {
  const explicit = req.headers.get('x-gridwork-lang') ?? req.headers.get('accept-language');
  return explicit ? parseLang(explicit) : fallback;
}
