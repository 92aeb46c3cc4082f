export { Outbox, OUTBOX_DELIVER, DEFAULT_MAX_ATTEMPTS, type OutboxLeg, type LegStatus } from './outbox';
export { postWebhook, WEBHOOK_TIMEOUT_MS } from './webhook-adapter';
