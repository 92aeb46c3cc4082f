import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { LiveEvent, LiveListener } from './live-event';

/**
 * Live events leave a write's transaction only when it commits, and reach every subscriber of
 * every app instance sharing the database. The dialect decides how (see sqlite-/postgres-event-bus).
 */
export interface EventBus {
  /** Queues an event inside the writer's transaction: delivered after commit, never on rollback. */
  publishIn(trx: Kysely<any>, event: LiveEvent): Promise<void>;
  subscribe(listener: LiveListener): () => void;
  /** Starts receiving (a poll loop or a LISTEN connection); idempotent. */
  start(): Promise<void>;
  close(): Promise<void>;
}

/** The local fan-out both buses share: one emitter, any number of subscribers. */
export class LocalFanOut {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Thousands of SSE connections subscribe at once: not a leak.
    this.emitter.setMaxListeners(0);
  }

  subscribe(listener: LiveListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  emit(event: LiveEvent): void {
    this.emitter.emit('event', event);
  }

  get size(): number {
    return this.emitter.listenerCount('event');
  }
}
