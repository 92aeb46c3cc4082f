import type { Kysely } from 'kysely';
import type { EntityRegistry } from '../entities';
import type { EventBus } from './event-bus';
import type { LiveEvent, LiveListener } from './live-event';

/**
 * The bus's events made ready for screens: a case event learns the case's place and reporter
 * (one lookup per event per instance, batched), so each connection can decide in memory whether
 * its viewer may see it.
 */
export class LiveFeed {
  private readonly listeners = new Set<LiveListener>();
  private unsubscribe: (() => void) | null = null;
  private queue: LiveEvent[] = [];
  private flushing: Promise<void> | null = null;

  constructor(readonly bus: EventBus, private readonly db: Kysely<any>, private registry: EntityRegistry) {}

  /** A published config brings a new registry; connected screens stay subscribed. */
  setRegistry(registry: EntityRegistry): void {
    this.registry = registry;
  }

  /** Subscribes one screen; the bus starts with the first. */
  async subscribe(listener: LiveListener): Promise<() => void> {
    this.listeners.add(listener);
    if (!this.unsubscribe) {
      this.unsubscribe = this.bus.subscribe((e) => this.accept(e));
      await this.bus.start();
    }
    return () => {
      this.listeners.delete(listener);
    };
  }

  get subscribers(): number {
    return this.listeners.size;
  }

  private accept(event: LiveEvent): void {
    this.queue.push(event);
    this.schedule();
  }

  private schedule(): void {
    if (this.flushing) return;
    this.flushing = this.flush()
      .catch((e) => console.error('[realtime] delivery failed:', e))
      .finally(() => {
        this.flushing = null;
        if (this.queue.length) this.schedule();
      });
  }

  private async flush(): Promise<void> {
    while (this.queue.length) {
      const batch = this.queue.splice(0);
      const byEntity = new Map<string, Set<string>>();
      for (const e of batch) {
        if (e.kind !== 'case' || !e.entity || !e.recordId || e.orgPath || !this.registry.has(e.entity)) continue;
        let ids = byEntity.get(e.entity);
        if (!ids) byEntity.set(e.entity, (ids = new Set()));
        ids.add(e.recordId);
      }
      const places = new Map<string, { org_path: string; org_unit_id: string; created_by: string | null }>();
      for (const [entity, ids] of byEntity) {
        const rows = await this.db.selectFrom(this.registry.get(entity).table).select(['id', 'org_path', 'org_unit_id', 'created_by']).where('id', 'in', [...ids]).execute();
        for (const r of rows) places.set(`${entity}:${r.id}`, r);
      }
      for (const e of batch) {
        const place = e.kind === 'case' ? places.get(`${e.entity}:${e.recordId}`) : undefined;
        const ready: LiveEvent = place ? { ...e, orgPath: place.org_path, orgUnitId: place.org_unit_id, createdBy: place.created_by } : e;
        if (e.kind === 'case' && !ready.orgPath) continue; // a case we cannot place is shown to no one
        for (const l of this.listeners) l(ready);
      }
    }
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.listeners.clear();
    await this.bus.close();
  }
}
