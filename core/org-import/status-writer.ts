import type { ImportStatusStore, OrgImportStatus } from './import-status-store';

export interface StatusWriterOptions {
  /** How often the owner refreshes the heartbeat while the import runs. */
  heartbeatMs: number;
  /** Progress within a phase is written at most this often (a phase change at once). */
  progressMs: number;
}

/**
 * Writes one running import's status row as it changes: not per row (a city's grids are 28,000
 * rows) but on a phase change, at most every `progressMs` within a phase, and on a heartbeat timer
 * (so a long step without progress still shows its owner alive). One write at a time; a write
 * asked for while one is queued is merged into it (it reads the status when it runs).
 */
export class StatusWriter {
  private chain: Promise<void> = Promise.resolve();
  private queued = false;
  private lastWrite = Date.now();
  private lastPhase: OrgImportStatus['phase'];
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly store: ImportStatusStore,
    private readonly id: string,
    private readonly status: OrgImportStatus,
    private readonly options: StatusWriterOptions,
  ) {
    this.lastPhase = status.phase;
    this.timer = setInterval(() => this.flush(), options.heartbeatMs);
    // The import keeps the process alive, not its heartbeat.
    this.timer.unref();
  }

  /** Called after the status changed. */
  progress(): void {
    if (this.status.phase === this.lastPhase && Date.now() - this.lastWrite < this.options.progressMs) return;
    this.flush();
  }

  /** Stops the heartbeat and writes the final status (state done or failed). */
  async finish(): Promise<void> {
    clearInterval(this.timer);
    await this.chain;
    await this.store.write(this.id, this.status, true);
  }

  private flush(): void {
    if (this.queued) return;
    this.queued = true;
    this.lastWrite = Date.now();
    this.lastPhase = this.status.phase;
    this.chain = this.chain.then(async () => {
      this.queued = false;
      try {
        await this.store.write(this.id, this.status);
      } catch (e) {
        // A missed progress write is not the import's failure: the next one (or the final) catches up.
        console.error('[org-import] status write failed:', e);
      }
    });
  }
}
