import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDatabase, migrateToLatest, type DatabaseHandle } from '../db';
import { auditLog } from '../db/migrations/2026-11-23-006-audit-log';
import { PG_ADMIN_URL } from '../../test/dialects';
import { createTestDatabase, dialects, type TestDatabase } from '../../test/test-database';
import { hashedFields } from './verify-audit';
import { appendAudit, auditHash, diffRecords, GENESIS_HASH, maskValue, queryAudit, runAuditVerify, verifyAudit, type AuditEntryInput } from '.';

const T0 = new Date('2026-11-23T08:00:00.000Z');

/**
 * pg's pool.end() resolves before its clients' sockets close; dropping the database `with (force)`
 * then kills backends whose clients still listen, which surfaces as unhandled 57P01 errors. With
 * 20 pooled connections that race is common, so wait until the server has let them all go.
 */
async function waitForDisconnect(url: string | undefined) {
  if (!url) return;
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    for (let i = 0; i < 100; i++) {
      const { rows } = await admin.query('select count(*)::int as n from pg_stat_activity where datname = $1', [name]);
      if (rows[0].n === 0) return;
      await new Promise((r) => setTimeout(r, 20));
    }
  } finally {
    await admin.end();
  }
}

function entries(n: number, from = 0, over: Partial<AuditEntryInput> = {}): AuditEntryInput[] {
  return Array.from({ length: n }, (_, i) => ({
    actorId: `u${(from + i) % 3}`,
    action: 'update',
    subjectType: 'incidentCase',
    subjectId: `c${(from + i) % 5}`,
    diff: { changed: { status: { before: 'new', after: `s${from + i}` } } },
    requestId: `r${from + i}`,
    ip: '10.0.0.1',
    ...over,
  }));
}

describe('masking PII', () => {
  it('masks each kind the Chinese way', () => {
    expect(maskValue('name', '王桂兰')).toBe('王**');
    expect(maskValue('name', '欧阳娜娜')).toBe('欧***');
    expect(maskValue('phone', '13800138000')).toBe('*******8000');
    expect(maskValue('phone', 13800138000)).toBe('*******8000');
    expect(maskValue('phone', '+86 138-0013-8000')).toBe('+** ***-****-8000');
    expect(maskValue('idNumber', '41030219850612123X')).toBe('**************123X');
    expect(maskValue('address', '河南省洛阳市西工区王城大道88号')).toBe('河南省洛阳市****');
    expect(maskValue('other', 'anything')).toBe('****');
  });

  it('never shows a short value whole', () => {
    expect(maskValue('name', '王')).toBe('*');
    expect(maskValue('phone', '110')).toBe('***');
    expect(maskValue('idNumber', '1234')).toBe('****');
    expect(maskValue('address', '西工区')).toBe('西****');
    expect(maskValue('phone', { n: '13800138000' })).toBe('****');
  });

  it('diffRecords lists only changed fields and never carries a clear PII value', () => {
    const pii = { reporterName: 'name', reporterPhone: 'phone', idNumber: 'idNumber', address: 'address', note: 'other' };
    const before = {
      title: '路灯损坏',
      tags: { b: 1, a: [1, 2] },
      reporterName: '王桂兰',
      reporterPhone: '13800138000',
      idNumber: '41030219850612123X',
      address: '河南省洛阳市西工区王城大道88号',
      note: '电话 13800138000',
      status: 'new',
    };
    const after = {
      ...before,
      tags: { a: [1, 2], b: 1 },
      reporterName: '李建国',
      reporterPhone: '13912345678',
      idNumber: '410302199001011234',
      address: '河南省洛阳市西工区中州中路1号',
      note: null,
      status: 'accepted',
      assignee: 'u9',
    };
    const diff = diffRecords(before, after, pii);
    expect(Object.keys(diff.changed).sort()).toEqual(['address', 'assignee', 'idNumber', 'note', 'reporterName', 'reporterPhone', 'status']);
    expect(diff.changed.status).toEqual({ before: 'new', after: 'accepted' });
    expect(diff.changed.assignee).toEqual({ after: 'u9' });
    expect(diff.changed.reporterPhone).toEqual({ before: '*******8000', after: '*******5678' });
    expect(diff.changed.note).toEqual({ before: '****', after: null });
    const json = JSON.stringify(diff);
    for (const clear of ['王桂兰', '李建国', '13800138000', '13912345678', '41030219850612123X', '410302199001011234', '王城大道', '中州中路', '桂兰', '建国']) {
      expect(json).not.toContain(clear);
    }
    const created = JSON.stringify(diffRecords(undefined, before, pii));
    const deleted = JSON.stringify(diffRecords(before, undefined, pii));
    for (const clear of ['王桂兰', '13800138000', '41030219850612123X', '王城大道']) {
      expect(created).not.toContain(clear);
      expect(deleted).not.toContain(clear);
    }
  });
});

describe.each(dialects())('audit log on %s', (dialectName) => {
  let database: TestDatabase;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    database = await createTestDatabase(dialectName);
    handle = createDatabase({ databaseUrl: database.url, sqliteFile: ':memory:', poolSize: 20 });
    await migrateToLatest(handle.db, handle.dialect, { '2026-11-23-006-audit-log': auditLog({ dialect: dialectName }) });
  });
  afterAll(async () => {
    await handle?.destroy();
    await waitForDisconnect(database?.url);
    await database?.drop();
  });
  beforeEach(async () => {
    await handle.db.deleteFrom('audit_log').execute();
  });

  const append = (list: AuditEntryInput[], now = T0) =>
    handle.db.transaction().execute((trx) => appendAudit(trx, handle.dialect, list, now));

  it('chains entries across calls and verifies', async () => {
    await append(entries(3));
    await append(entries(4, 3), new Date(T0.getTime() + 1000));
    // Outside a transaction it opens its own.
    await appendAudit(handle.db, handle.dialect, entries(1, 7, { actorId: null, diff: undefined, ip: null }), new Date(T0.getTime() + 2000));
    expect(await verifyAudit(handle.db)).toEqual({ ok: true, checked: 8 });
    const rows = await handle.db.selectFrom('audit_log').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rows[0].prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i].prev_hash).toBe(rows[i - 1].hash);
    expect(rows[0].at).toBe('2026-11-23T08:00:00.000Z');
    expect(rows[7]).toMatchObject({ actor_id: null, diff: null, ip: null });
  });

  it('an empty log verifies, and an empty append writes nothing', async () => {
    await append([]);
    expect(await verifyAudit(handle.db)).toEqual({ ok: true, checked: 0 });
  });

  it('names the edited entry when a diff is changed behind its back', async () => {
    await append(entries(6));
    await sql`update audit_log set diff = ${JSON.stringify({ changed: { status: { after: 'forged' } } })} where seq = 3`.execute(handle.db);
    expect(await verifyAudit(handle.db)).toEqual({ ok: false, checked: 3, firstBroken: { seq: 3, reason: 'hash' } });
  });

  it('a forger who recomputes the edited entry\'s hash breaks the next link, then the next hash', async () => {
    await append(entries(6));
    const row = await handle.db.selectFrom('audit_log').selectAll().where('seq', '=', 3).executeTakeFirstOrThrow();
    const forged = auditHash(row.prev_hash, { ...hashedFields(row as never), actorId: 'mallory' });
    await sql`update audit_log set actor_id = 'mallory', hash = ${forged} where seq = 3`.execute(handle.db);
    expect((await verifyAudit(handle.db)).firstBroken).toEqual({ seq: 4, reason: 'link' });
    await sql`update audit_log set prev_hash = ${forged} where seq = 4`.execute(handle.db);
    expect((await verifyAudit(handle.db)).firstBroken).toEqual({ seq: 4, reason: 'hash' });
  });

  it('detects a deleted entry, including the first', async () => {
    await append(entries(6));
    await sql`delete from audit_log where seq = 3`.execute(handle.db);
    expect(await verifyAudit(handle.db)).toEqual({ ok: false, checked: 3, firstBroken: { seq: 4, reason: 'gap' } });
    await sql`delete from audit_log where seq = 1`.execute(handle.db);
    expect((await verifyAudit(handle.db)).firstBroken).toEqual({ seq: 2, reason: 'gap' });
  });

  it('detects a swapped link', async () => {
    await append(entries(4));
    await sql`update audit_log set prev_hash = ${GENESIS_HASH} where seq = 2`.execute(handle.db);
    expect((await verifyAudit(handle.db)).firstBroken).toEqual({ seq: 2, reason: 'link' });
  });

  it('rolls back with the transaction it was written in', async () => {
    await append(entries(2));
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await appendAudit(trx, handle.dialect, entries(3, 2), T0);
        throw new Error('the audited write failed');
      }),
    ).rejects.toThrow('the audited write failed');
    expect((await queryAudit(handle.db)).items).toHaveLength(2);
    // The next append continues at seq 3: a rollback leaves no gap, even on PostgreSQL.
    await append(entries(1, 2));
    expect(await verifyAudit(handle.db)).toEqual({ ok: true, checked: 3 });
  });

  it('concurrent transactions produce one unbroken chain', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, k) =>
        handle.db.transaction().execute(async (trx) => {
          // An audited write first, so transactions really overlap before they reach the log.
          await sql`select 1`.execute(trx);
          await appendAudit(trx, handle.dialect, entries(5, k * 5), new Date(T0.getTime() + k));
        }),
      ),
    );
    expect(await verifyAudit(handle.db)).toEqual({ ok: true, checked: 100 });
    const { n } = await handle.db.selectFrom('audit_log').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(100);
  });

  it('inserts a large append in several statements and keeps the chain', async () => {
    await append(entries(1_234));
    expect(await verifyAudit(handle.db)).toEqual({ ok: true, checked: 1_234 });
  });

  it('verify pages through more than one page', async () => {
    await append(entries(5_001));
    await sql`update audit_log set ip = '10.6.6.6' where seq = 5001`.execute(handle.db);
    expect(await verifyAudit(handle.db)).toEqual({ ok: false, checked: 5_001, firstBroken: { seq: 5_001, reason: 'hash' } });
  });

  it('queries by subject, actor and time, newest first, with keyset pages', async () => {
    await append(entries(10), new Date('2026-11-23T08:00:00.000Z'));
    await append(entries(10, 10), new Date('2026-11-23T09:00:00.000Z'));
    await append(entries(10, 20), new Date('2026-11-23T10:00:00.000Z'));

    const c1 = await queryAudit(handle.db, { subjectType: 'incidentCase', subjectId: 'c1' });
    expect(c1.items.map((e) => e.seq)).toEqual([27, 22, 17, 12, 7, 2]);
    expect(c1.nextBeforeSeq).toBeNull();
    expect(c1.items[0]).toMatchObject({
      subjectId: 'c1',
      action: 'update',
      requestId: 'r26',
      diff: { changed: { status: { before: 'new', after: 's26' } } },
      at: '2026-11-23T10:00:00.000Z',
    });
    expect(c1.items[0].hash).toMatch(/^[0-9a-f]{64}$/);

    const u2 = await queryAudit(handle.db, { actorId: 'u2' });
    expect(u2.items.every((e) => e.actorId === 'u2')).toBe(true);
    expect(u2.items).toHaveLength(10);

    const nine = await queryAudit(handle.db, { from: '2026-11-23T09:00:00.000Z', to: '2026-11-23T10:00:00.000Z' });
    expect(nine.items.map((e) => e.seq)).toEqual([20, 19, 18, 17, 16, 15, 14, 13, 12, 11]);
    // Other spellings of the same instants select the same entries.
    expect(await queryAudit(handle.db, { from: '2026-11-23T17:00:00+08:00', to: '2026-11-23T10:00:00Z' })).toEqual(nine);
    await expect(queryAudit(handle.db, { from: 'yesterday' })).rejects.toThrow(/invalid from time/);

    const seen: number[] = [];
    let beforeSeq: number | undefined;
    for (let page = 0; page < 10; page++) {
      const res = await queryAudit(handle.db, { limit: 7, beforeSeq });
      seen.push(...res.items.map((e) => e.seq));
      if (res.nextBeforeSeq === null) break;
      beforeSeq = res.nextBeforeSeq;
    }
    expect(seen).toEqual(Array.from({ length: 30 }, (_, i) => 30 - i));
    expect((await queryAudit(handle.db, { limit: 10 })).nextBeforeSeq).toBe(21);
    expect((await queryAudit(handle.db, { limit: 9999 })).items).toHaveLength(30);
  });

  it('the subject query is served by its index, order included', async () => {
    await append(entries(50));
    const plan = await handle.db.transaction().execute(async (trx) => {
      // PostgreSQL prefers a sequential scan of a table this small; forbid it to see whether the
      // index can serve the query at all.
      if (dialectName === 'postgres') await sql`set local enable_seqscan = off`.execute(trx);
      const compiled = trx
        .selectFrom('audit_log')
        .selectAll()
        .where('subject_type', '=', 'incidentCase')
        .where('subject_id', '=', 'c1')
        .orderBy('seq', 'desc')
        .limit(101)
        .compile();
      return (await handle.dialect.explain(trx, compiled)).join('\n');
    });
    expect(plan).toContain('audit_log_subject');
    expect(plan).not.toMatch(/TEMP B-TREE|Sort/);
  });

  describe('audit verify command', () => {
    let log: ReturnType<typeof vi.spyOn>;
    let err: ReturnType<typeof vi.spyOn>;
    beforeEach(() => {
      log = vi.spyOn(console, 'log').mockImplementation(() => {});
      err = vi.spyOn(console, 'error').mockImplementation(() => {});
    });
    afterEach(() => vi.restoreAllMocks());

    it('exits 0 when intact and 1 naming the broken entry', async () => {
      await append(entries(4));
      expect(await runAuditVerify(handle.db)).toBe(0);
      expect(log).toHaveBeenCalledWith('audit log intact: 4 entries');
      await sql`update audit_log set diff = '{}' where seq = 2`.execute(handle.db);
      expect(await runAuditVerify(handle.db)).toBe(1);
      expect(String(err.mock.calls[0][0])).toMatch(/^audit log broken at entry seq 2 \(hash\): /);
    });
  });
});
