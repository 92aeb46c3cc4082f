import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/test-database';
import { createDatabase, type DatabaseHandle } from './create-database';
import { affectedRows, preparedQuery } from './prepared-query';

describe.each(dialects())('prepared queries on %s', (dialect) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let db: Kysely<any>;

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    handle = createDatabase({ databaseUrl: database.url, sqliteFile: ':memory:' });
    db = handle.db;
    for (const table of ['thing_a', 'thing_b']) {
      await sql`create table ${sql.table(table)} (id text primary key, state text not null, n integer not null, note text)`.execute(db);
    }
  });
  afterAll(async () => {
    await handle.destroy();
    await database.drop();
  });

  const insert = preparedQuery((db, p, table) => db.insertInto(table).values({ id: p.id, state: 'new', n: p.n, note: p.note }));
  const move = preparedQuery((db, p, table) => db.updateTable(table).set({ state: p.to, n: p.n }).where('id', '=', p.id).where('state', 'in', ['new', 'open']));
  const byState = preparedQuery((db, p, table) => db.selectFrom(table).select(['id', 'n', 'note']).where('state', '=', p.state).orderBy('id'));

  it('runs the same statement with new values and gives what the query builder gives', async () => {
    await insert.execute(db, { id: 'a1', n: 1, note: 'first' }, 'thing_a');
    await insert.execute(db, { id: 'a2', n: 2, note: undefined }, 'thing_a');
    await insert.execute(db, { id: 'a3', n: 3, note: null }, 'thing_a');
    expect(affectedRows(await move.execute(db, { to: 'done', n: 20, id: 'a2' }, 'thing_a'))).toBe(1);
    // The constant of the query ('new', 'open') stays: a row in another state is not moved again.
    expect(affectedRows(await move.execute(db, { to: 'open', n: 21, id: 'a2' }, 'thing_a'))).toBe(0);
    const prepared = (await byState.execute(db, { state: 'new' }, 'thing_a')).rows;
    const built = await db.selectFrom('thing_a').select(['id', 'n', 'note']).where('state', '=', 'new').orderBy('id').execute();
    expect(prepared).toEqual(built);
    expect(prepared).toEqual([
      { id: 'a1', n: 1, note: 'first' },
      { id: 'a3', n: 3, note: null },
    ]);
    expect((await byState.execute(db, { state: 'done' }, 'thing_a')).rows).toEqual([{ id: 'a2', n: 20, note: null }]);
  });

  it('keeps one compiled statement per shape', async () => {
    await insert.execute(db, { id: 'b1', n: 1, note: null }, 'thing_b');
    expect((await byState.execute(db, { state: 'new' }, 'thing_b')).rows.map((r) => r.id)).toEqual(['b1']);
    expect((await byState.execute(db, { state: 'new' }, 'thing_a')).rows.map((r) => r.id)).toEqual(['a1', 'a3']);
  });

  it('refuses a missing value and a placeholder used as SQL text', async () => {
    await expect(insert.execute(db, { id: 'x', n: 1 }, 'thing_a')).rejects.toThrow(/no value for parameter "note"/);
    const misuse = preparedQuery((db, p) => db.selectFrom('thing_a').select(sql.lit(p.id).as('x')));
    await expect(misuse.execute(db, { id: 'a1' })).rejects.toThrow(/placeholder ended up in the SQL text/);
  });
});
