import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import type { EventBus } from './event-bus';
import { LocalFanOut } from './event-bus';
import type { LiveEvent, LiveListener } from './live-event';

export const PG_CHANNEL = 'gridwork_events';

/**
 * PostgreSQL: NOTIFY inside the writer's transaction (delivered at commit), and one LISTEN
 * connection per app instance feeding its local subscribers, so an event raised on any instance
 * reaches screens connected to every other. A dropped LISTEN connection reconnects.
 */
export class PostgresEventBus implements EventBus {
  private readonly fanOut = new LocalFanOut();
  private client: pg.Client | null = null;
  private closed = false;
  private starting: Promise<void> | null = null;

  constructor(private readonly url: string) {}

  async publishIn(trx: Kysely<any>, event: LiveEvent): Promise<void> {
    await sql`select pg_notify(${PG_CHANNEL}, ${JSON.stringify(event)})`.execute(trx);
  }

  subscribe(listener: LiveListener): () => void {
    return this.fanOut.subscribe(listener);
  }

  start(): Promise<void> {
    this.closed = false;
    this.starting ??= this.connect();
    return this.starting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => {
      if (msg.channel !== PG_CHANNEL || !msg.payload) return;
      try {
        this.fanOut.emit(JSON.parse(msg.payload));
      } catch (e) {
        console.error('[realtime] bad notification payload:', e);
      }
    });
    client.on('error', (e) => {
      if (this.closed) return;
      console.error('[realtime] LISTEN connection lost, reconnecting:', e.message);
      this.client = null;
      this.starting = null;
      setTimeout(() => void this.start().catch(() => {}), 1000).unref();
    });
    await client.connect();
    await client.query(`listen ${PG_CHANNEL}`);
    this.client = client;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.starting?.catch(() => {});
    const c = this.client;
    this.client = null;
    this.starting = null;
    await c?.end().catch(() => {});
  }
}
