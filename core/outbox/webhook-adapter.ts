/** How long one delivery may take: the job holds its transaction meanwhile (see Outbox.deliver). */
export const WEBHOOK_TIMEOUT_MS = 5000;

/**
 * POSTs a leg's payload as JSON. The leg id travels as Idempotency-Key so a receiver can drop a
 * repeat when our commit after its 2xx was lost. Anything but a 2xx throws.
 */
export async function postWebhook(url: string, payload: unknown, legId: string, timeoutMs = WEBHOOK_TIMEOUT_MS): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': legId },
    body: JSON.stringify(payload),
    signal: AbortSignal.timeout(timeoutMs),
  });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${new URL(url).host}`);
}
