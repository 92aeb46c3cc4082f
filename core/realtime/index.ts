export type { LiveEvent, LiveListener } from './live-event';
export { LocalFanOut, type EventBus } from './event-bus';
export { SqliteEventBus } from './sqlite-event-bus';
export { PostgresEventBus, PG_CHANNEL } from './postgres-event-bus';
export { LiveFeed } from './live-feed';
export { viewerFilter } from './viewer-filter';
export { sseStream, type SseOptions } from './sse-stream';
