import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import type { WorkflowDefinition } from '../config/types.generated';
import type { Runtime } from '../runtime';
import { createTestRuntime, dialects } from '../../test/test-database';
import { callerAs, trpcError, issuesOf } from '../../test/studio-callers';

const E = 'incidentCase';
const FILE = 'workflows/case-workflow.json';
const grid = 'xg-hs-c01-g01';

/**
 * The workflow editor's node positions (`layout`) are part of the workflow file: they go through
 * the draft, the diff, publishing and export like any other change, and the engine runs as before.
 */
describe.each(dialects())('workflow layout through the studio on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let admin: ReturnType<typeof createCaller>;
  let worker: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    admin = await callerAs(runtime, [{ role: 'districtAdmin', unitId: 'xg' }]);
    worker = await callerAs(runtime, [{ role: 'gridWorker', unitId: grid }]);
  });
  afterAll(() => close());

  const workflow = async () => structuredClone((await admin.studio.file({ path: FILE })).content) as WorkflowDefinition;

  it('a position for a state the workflow lacks is reported at save with its pointer, and publishing is refused', async () => {
    const wf = await workflow();
    wf.layout = { positions: { reported: { x: 10, y: 20 }, ghost: { x: 0, y: 0 } } };
    const saved = await admin.studio.saveFile({ path: FILE, content: wf });
    expect(saved.issues).toEqual([expect.objectContaining({ file: FILE, path: '/layout/positions/ghost', message: 'unknown state "ghost"' })]);
    const refused = await trpcError(admin.studio.publish());
    expect(refused.code).toBe('BAD_REQUEST');
    expect(issuesOf(refused)).toContainEqual(expect.objectContaining({ file: FILE, path: '/layout/positions/ghost' }));
    expect((await admin.studio.versions()).map((v) => v.version)).toEqual([1]);
    await admin.studio.discardDraft();
  });

  it('a malformed position is refused at save, nothing saved', async () => {
    const wf = await workflow();
    wf.layout = { positions: { reported: { x: 10, y: 'top' as never } } };
    const error = await trpcError(admin.studio.saveFile({ path: FILE, content: wf }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(issuesOf(error)).toContainEqual(expect.objectContaining({ file: FILE, path: '/layout/positions/reported/y' }));
    expect((await admin.studio.overview()).draft).toBeNull();
  });

  it('positions travel through draft, diff, publish and export; cases run as before', async () => {
    const wf = await workflow();
    wf.layout = { positions: { reported: { x: 10, y: 20 }, closed: { x: 300, y: 900 } } };
    expect((await admin.studio.saveFile({ path: FILE, content: wf })).issues).toEqual([]);
    expect((await admin.studio.file({ path: FILE })).content).toEqual(wf);

    const diff = await admin.studio.diff();
    expect(diff.issues).toEqual([]);
    expect(diff.files).toEqual([expect.objectContaining({ path: FILE, change: 'modified' })]);
    expect(diff.files[0].changes).toEqual([expect.objectContaining({ pointer: '/layout', op: 'add' })]);

    const { version } = await admin.studio.publish({ note: 'layout' });
    expect(version).toBe(2);
    expect(runtime.registry.get(E).workflow?.layout).toEqual(wf.layout);
    expect((await admin.studio.exportConfig()).files[FILE]).toEqual(wf);

    const report = await worker.case.report({ entity: E, data: { title: '墙面脱落', category: 'safety.building' } });
    expect(report.status).toBe(wf.initial);
    const accepted = await worker.case.fire({ entity: E, id: report.id, transition: 'accept' });
    expect(accepted.status).toBe('accepted');
  });
});
