import { readBody } from '../api/read-body';
import { restError, TooLargeError } from '../errors';
import { t, type Lang } from '../i18n';
import { keyFromHeaders } from './api-keys';
import type { IntakeService } from './intake-service';
import { requestLang } from './request-lang';

/** A channel payload is a case, not a file: files go through /api/uploads. */
export const MAX_CHANNEL_BODY_BYTES = 256 * 1024;

/** POST /api/channels/{channel}/cases as a fetch handler (the Next route wraps this). */
export async function handleChannelPost(intake: IntakeService, req: Request, channel: string, fallbackLang: Lang): Promise<Response> {
  const lang = requestLang(req, fallbackLang);
  try {
    const body = await readBody(req, MAX_CHANNEL_BODY_BYTES);
    if (!body) throw new TooLargeError(t(lang, 'validation.tooLarge', { limit: MAX_CHANNEL_BODY_BYTES }));
    const result = await intake.receive({
      channel,
      apiKey: keyFromHeaders(req.headers),
      idempotencyKey: req.headers.get('idempotency-key'),
      body: body.toString('utf8'),
      lang,
      requestId: req.headers.get('x-request-id') ?? undefined,
    });
    return Response.json(result.body, { status: result.status, headers: result.replayed ? { 'idempotent-replayed': 'true' } : {} });
  } catch (e) {
    return restError(e, `channel ${channel}`);
  }
}
