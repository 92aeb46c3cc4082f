import type { ControlledTransaction, Kysely, Transaction } from 'kysely';

export type TransactionWork<T> = (trx: Transaction<any>) => Promise<T>;

interface Pending {
  work: TransactionWork<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

/**
 * Group commit: transactions that arrive together share one durable commit.
 *
 * A durable commit (fsync) costs more than the statements of a small transaction, and on SQLite
 * every transaction queues for the one connection anyway. So work submitted while the connection
 * is busy waits in a queue; the queue then runs in one transaction, each piece of work inside a
 * savepoint of its own, and one commit makes all of them durable.
 *
 * - A caller is answered only after the commit that holds its change (or with that commit's error).
 * - Work that throws is rolled back to its savepoint and its caller gets its own error at once;
 *   the others in the group are unaffected.
 * - Work must use only the transaction it is given: another connection (or a nested run()) would
 *   wait for this very group to finish.
 */
export class GroupCommit {
  private readonly queue: Pending[] = [];
  private draining = false;
  /** Committed groups and the work they held, for diagnostics and benchmarks. */
  readonly stats = { groups: 0, committed: 0, failed: 0 };

  constructor(
    private readonly db: Kysely<any>,
    /** Bounds the wait of the first caller in a group behind the others. */
    private readonly maxGroup = 64,
  ) {}

  run<T>(work: TransactionWork<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      if (!this.draining) {
        this.draining = true;
        // One macrotask of grace: callers whose preparatory reads are in flight join this group.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        await this.commitGroup();
        // Callers that waited for the connection (their reads) get it now and join the next group.
        if (!this.queue.length) await new Promise((r) => setImmediate(r));
      }
    } finally {
      this.draining = false;
    }
  }

  private async commitGroup(): Promise<void> {
    const done: { item: Pending; value: unknown }[] = [];
    let trx: ControlledTransaction<any> | undefined;
    let taken = 0;
    try {
      trx = await this.db.startTransaction().execute();
      while (this.queue.length && taken < this.maxGroup) {
        const item = this.queue.shift()!;
        taken++;
        if (!done.length) {
          // First in the transaction: nothing else to protect, so no savepoint. On failure the
          // whole (empty-but-for-it) transaction rolls back and a fresh one serves the rest.
          try {
            done.push({ item, value: await item.work(trx) });
          } catch (error) {
            this.stats.failed++;
            item.reject(error);
            const failed = trx;
            trx = undefined;
            await failed.rollback().execute();
            trx = await this.db.startTransaction().execute();
          }
          continue;
        }
        const value = await this.inSavepoint(trx, item);
        if (value !== FAILED) done.push({ item, value });
      }
      await trx.commit().execute();
      trx = undefined;
    } catch (error) {
      // The group as a whole failed (begin, savepoint bookkeeping or commit): none of it is durable.
      if (trx && !trx.isCommitted && !trx.isRolledBack) await trx.rollback().execute().catch(() => {});
      // A transaction that could not even begin took nobody yet: its would-be members hear why,
      // rather than the queue retrying forever.
      const failed = taken ? done.map((d) => d.item) : this.queue.splice(0, this.maxGroup);
      for (const item of failed) item.reject(error);
      this.stats.failed += failed.length;
      return;
    }
    this.stats.groups++;
    this.stats.committed += done.length;
    for (const { item, value } of done) item.resolve(value);
  }

  /** Runs one piece of work in a savepoint; its failure is its caller's alone. */
  private async inSavepoint(trx: ControlledTransaction<any>, item: Pending): Promise<unknown> {
    const sp = await trx.savepoint('group_item').execute();
    let value: unknown;
    try {
      value = await item.work(trx);
      await sp.releaseSavepoint('group_item').execute();
      return value;
    } catch (error) {
      this.stats.failed++;
      item.reject(error);
      // If even this fails the transaction is unusable: that error fails the whole group.
      await sp.rollbackToSavepoint('group_item').execute();
      await sp.releaseSavepoint('group_item').execute();
      return FAILED;
    }
  }
}

const FAILED = Symbol('failed');
