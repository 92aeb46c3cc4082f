import type { Kysely } from 'kysely';
import type { EventBus } from './event-bus';
import { LocalFanOut } from './event-bus';
import type { LiveEvent, LiveListener } from './live-event';

/**
 * SQLite: one process owns the file, so the bus is in-process. Writers append to an outbox in
 * their transaction (triggers do so for case events); a short poll by sequence delivers rows in
 * commit order, and a rolled-back write leaves nothing to deliver.
 */
export class SqliteEventBus implements EventBus {
  private readonly fanOut = new LocalFanOut();
  private last = -1;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<unknown> | null = null;

  constructor(private readonly db: Kysely<any>, private readonly intervalMs = 100) {}

  async publishIn(trx: Kysely<any>, event: LiveEvent): Promise<void> {
    await trx.insertInto('realtime_outbox').values({ payload: JSON.stringify(event), at: event.at }).execute();
  }

  subscribe(listener: LiveListener): () => void {
    return this.fanOut.subscribe(listener);
  }

  async start(): Promise<void> {
    if (this.timer || this.last >= 0) return;
    const top = await this.db.selectFrom('realtime_outbox').select((eb) => eb.fn.max('seq').as('seq')).executeTakeFirst();
    this.last = Number(top?.seq ?? 0);
    const tick = () => {
      this.polling = this.poll()
        .catch((e) => console.error('[realtime] outbox poll failed:', e))
        .finally(() => {
          if (this.last >= 0) this.timer = setTimeout(tick, this.intervalMs).unref();
        });
    };
    this.timer = setTimeout(tick, this.intervalMs).unref();
  }

  /** Delivers what was committed since the last poll; exposed so tests need not wait. */
  poll(): Promise<number> {
    // One drain at a time: two overlapping reads would deliver the same rows twice.
    const run = this.chain.catch(() => 0).then(() => this.drain());
    this.chain = run;
    return run;
  }

  private chain: Promise<number> = Promise.resolve(0);

  private async drain(): Promise<number> {
    if (this.last < 0) return 0;
    const rows = await this.db.selectFrom('realtime_outbox').select(['seq', 'payload']).where('seq', '>', this.last).orderBy('seq').limit(5000).execute();
    for (const row of rows) {
      this.last = Number(row.seq);
      this.fanOut.emit(JSON.parse(row.payload));
    }
    // Delivered rows are kept a while for late pollers, then trimmed.
    if (rows.length && this.last % 1000 < rows.length) await this.db.deleteFrom('realtime_outbox').where('seq', '<', this.last - 10_000).execute();
    return rows.length;
  }

  async close(): Promise<void> {
    this.last = -1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.polling;
  }
}
