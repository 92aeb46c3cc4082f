import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createDatabase, migrateToLatest } from '../db';
import { job as jobMigration } from '../db/migrations/2026-11-23-007-job';
import { claimDueJobs } from './claim-jobs';
import { scheduleJob } from './schedule-job';
const file = path.join(mkdtempSync(path.join(tmpdir(), 'gwdbg-')), 'x.sqlite');
const h = createDatabase({ sqliteFile: file });
await migrateToLatest(h.db, h.dialect, { '2026-11-23-007-job': jobMigration({ dialect: 'sqlite' }) });
const now = new Date('2026-01-01T00:00:00Z');
await h.db.transaction().execute(async (trx) => { for (let i = 0; i < 30000; i++) await scheduleJob(trx, { kind: 'k', key: `clock:${i}`, dueAt: now, payload: { i } }, now); });
let claimMs = 0, runMs = 0;
for (;;) {
  let t = performance.now();
  const rows = await claimDueJobs(h.db, h.dialect, { instanceId: 'me', now, lockedUntil: new Date(+now + 60000), limit: 200 });
  claimMs += performance.now() - t;
  if (!rows.length) break;
  t = performance.now();
  for (const row of rows) await h.db.transaction().execute(async (trx) => { await trx.updateTable('job').set({ status: 'done', done_at: now.toISOString(), locked_until: null }).where('id', '=', row.id).where('status', '=', 'running').where('locked_by', '=', 'me').execute(); });
  runMs += performance.now() - t;
}
console.log({ claimMs, runMs });
console.log(await h.dialect.explain(h.db, h.db.selectFrom('job').select('id').where('status', '=', 'pending').where('due_at', '<=', 'x').orderBy('due_at').limit(3).compile()));
