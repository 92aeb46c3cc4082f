import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/test-database';
import { createDatabase, type DatabaseHandle } from './create-database';
import { GroupCommit } from './group-commit';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe.each(dialects())('group commit on %s', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let db: Kysely<any>;
  let dir: string | undefined;
  /** Whether a row is visible to another connection, i.e. committed. */
  let committed: (id: string) => Promise<boolean>;
  let closeReader: () => Promise<void>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    if (dialect === 'sqlite') {
      // A file, so a second connection can look: it sees only what is committed.
      dir = mkdtempSync(path.join(tmpdir(), 'gw-group-'));
      const file = path.join(dir, 'group.sqlite');
      handle = createDatabase({ sqliteFile: file });
      db = handle.db;
      await sql`create table item (id text primary key, v integer not null)`.execute(db);
      const reader = new Database(file, { readonly: true });
      // Synchronous: the answer reflects the very moment the caller was acknowledged.
      committed = async (id) => !!reader.prepare('select 1 from item where id = ?').get(id);
      closeReader = async () => void reader.close();
    } else {
      handle = createDatabase({ databaseUrl: database.url });
      db = handle.db;
      await sql`create table item (id text primary key, v integer not null)`.execute(db);
      // Every commit of item rows takes a while (a deferred trigger runs at commit): an
      // acknowledgement sent before the commit finished would be caught by the reader.
      await sql`create function slow_commit() returns trigger language plpgsql as $$ begin perform pg_sleep(0.02); return null; end $$`.execute(db);
      await sql`create constraint trigger item_slow_commit after insert on item deferrable initially deferred for each row execute function slow_commit()`.execute(db);
      const reader = new pg.Pool({ connectionString: database.url, max: 1 });
      committed = async (id) => (await reader.query('select 1 from item where id = $1', [id])).rowCount === 1;
      closeReader = () => reader.end();
    }
    await sql`create table parent (id text primary key)`.execute(db);
    // Checked at commit, not per statement: the way to make a commit itself fail.
    await sql`create table child (id text primary key, parent_id text not null references parent (id) deferrable initially deferred)`.execute(db);
  });
  afterAll(async () => {
    await closeReader();
    await handle.destroy();
    await database.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    await db.deleteFrom('item').execute();
    await db.deleteFrom('child').execute();
  });

  const insert = (id: string, v: number) => (trx: Kysely<any>) => trx.insertInto('item').values({ id, v }).execute();
  const ids = async () => (await db.selectFrom('item').select('id').orderBy('id').execute()).map((r) => r.id);

  it('work arriving together shares one commit; each caller gets its own result', async () => {
    const group = new GroupCommit(db);
    const results = await Promise.all(
      range(10).map((i) =>
        group.run(async (trx) => {
          await insert(`a${i}`, i)(trx);
          return i * 2;
        }),
      ),
    );
    expect(results).toEqual(range(10).map((i) => i * 2));
    expect(group.stats).toEqual({ groups: 1, committed: 10, failed: 0 });
    expect(await ids()).toEqual(range(10).map((i) => `a${i}`));
  });

  it('work that fails is rolled back alone and its caller gets its own error; the others commit', async () => {
    const group = new GroupCommit(db);
    const own = new Error('no such thing');
    const settled = await Promise.allSettled(
      range(8).map((i) =>
        group.run(async (trx) => {
          await insert(`b${i}`, i)(trx);
          // The first of the group (no savepoint), a middle one, and a database error (duplicate
          // key; on PostgreSQL it aborts the transaction until the savepoint is rolled back).
          if (i === 0 || i === 3) throw own;
          if (i === 5) await insert('b1', 99)(trx);
          return i;
        }),
      ),
    );
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((settled[0] as PromiseRejectedResult).reason).toBe(own);
    expect((settled[3] as PromiseRejectedResult).reason).toBe(own);
    expect(String((settled[5] as PromiseRejectedResult).reason)).toMatch(/unique|duplicate/i);
    expect(await ids()).toEqual(['b1', 'b2', 'b4', 'b6', 'b7']);
    expect((await db.selectFrom('item').select('v').where('id', '=', 'b1').executeTakeFirstOrThrow()).v).toBe(1);
    expect(group.stats.committed).toBe(5);
    expect(group.stats.failed).toBe(3);
  });

  // On SQLite the commit runs synchronously once reached, so this alone cannot catch an answer
  // sent just before it; the failed-commit test below does (those callers must not succeed).
  it('acknowledges nobody before the commit that holds their change', async () => {
    const group = new GroupCommit(db);
    const seen = await Promise.all(range(12).map((i) => group.run(insert(`c${i}`, i)).then(() => committed(`c${i}`))));
    expect(seen).toEqual(range(12).map(() => true));
    expect(group.stats.groups).toBeLessThan(12);
  });

  it('a commit that fails fails every caller of its group, keeps nothing, and the next group works', async () => {
    const group = new GroupCommit(db);
    const settled = await Promise.allSettled([
      group.run(insert('d0', 0)),
      group.run((trx) => trx.insertInto('child').values({ id: 'orphan', parent_id: 'missing' }).execute()),
      group.run(insert('d2', 2)),
    ]);
    expect(settled.every((s) => s.status === 'rejected')).toBe(true);
    expect(String((settled[0] as PromiseRejectedResult).reason)).toMatch(/foreign key/i);
    expect(await ids()).toEqual([]);
    expect(await db.selectFrom('child').select('id').execute()).toEqual([]);
    await group.run(insert('d3', 3));
    expect(await ids()).toEqual(['d3']);
  });

  it('a database that cannot begin a transaction fails the callers instead of retrying forever', async () => {
    const other = createDatabase({ databaseUrl: database.url, sqliteFile: ':memory:' });
    await sql`select 1`.execute(other.db); // Kysely destroys only a database it has opened
    await other.destroy();
    const group = new GroupCommit(other.db);
    const settled = await Promise.allSettled([group.run(insert('e0', 0)), group.run(insert('e1', 1))]);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
    expect(String((settled[0] as PromiseRejectedResult).reason)).toMatch(/destroyed/);
    expect(group.stats.failed).toBe(2);
  });
});
