import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller } from '../api/app-router';
import { systemContext } from '../entities';
import type { Runtime } from '../runtime';
import { createTestRuntime, dialects } from '../../test/test-database';
import { callerAs, trpcError, issuesOf } from '../../test/studio-callers';

const V = 'visitLog';
const FILE = 'entities/visit-log.json';
const grid = 'xg-wcl-c01-g04';

type VisitDef = { schema: { properties: Record<string, Record<string, unknown>>; required: string[] }; ui: { order: string[]; listColumns: string[] } };

describe.each(dialects())('studio table migrations on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  let admin: ReturnType<typeof createCaller>;

  const visit = (extra: Record<string, unknown>) =>
    admin.entity.create({ entity: V, orgUnitId: grid, data: { visitorKind: 'gridWorker', visitedAt: '2026-10-01T02:00:00.000Z', household: '王大爷', ...extra } });
  const editVisitLog = async (edit: (def: VisitDef) => void) => {
    const { content } = await admin.studio.file({ path: FILE });
    const def = structuredClone(content) as VisitDef;
    edit(def);
    return admin.studio.saveFile({ path: FILE, content: def });
  };
  const column = async (id: string, name: string) => (await runtime.db.selectFrom('ent_visitLog').select(name).where('id', '=', id).executeTakeFirstOrThrow())[name];

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
    admin = await callerAs(runtime, [{ role: 'districtAdmin', unitId: 'xg' }]);
  });
  afterAll(() => close());

  it('retires a removed field with its values, and a rollback brings the field back with them', async () => {
    const noted = await visit({ note: '身体硬朗，独居' });
    await visit({});
    await editVisitLog((def) => {
      delete def.schema.properties.note;
      def.ui.order = def.ui.order.filter((f) => f !== 'note');
    });
    const diff = await admin.studio.diff();
    const m = diff.migrations.find((x) => x.entity === V)!;
    expect(m.steps).toEqual([{ op: 'retireColumn', field: 'note', as: 'note__removed_v2' }]);
    expect(m.effects).toEqual([expect.objectContaining({ field: 'note', effect: 'retired', records: 1 })]);
    expect((await admin.studio.publish()).version).toBe(2);
    expect((await admin.entity.get({ entity: V, id: noted.id })).data).not.toHaveProperty('note');
    expect(await column(noted.id, 'note__removed_v2')).toBe('身体硬朗，独居');

    // Previewing the rollback shows the restore before anything happens.
    const back = await admin.studio.diff({ to: 1 });
    expect(back.migrations.find((x) => x.entity === V)!.effects).toEqual([expect.objectContaining({ field: 'note', effect: 'restored', records: 1 })]);
    const { version } = await admin.studio.rollback({ toVersion: 1 });
    expect(version).toBe(3);
    expect((await admin.studio.versions())[0]).toMatchObject({ version: 3, source: 'rollback', changed: [FILE] });
    expect(runtime.registry.get(V).def.schema.properties).toHaveProperty('note');
    expect((await admin.entity.get({ entity: V, id: noted.id })).data).toMatchObject({ note: '身体硬朗，独居' });
    const applied = await runtime.db.selectFrom('entity_version').select('plan').where('entity', '=', V).orderBy('version', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(applied.plan).steps).toEqual([{ op: 'restoreColumn', from: 'note__removed_v2', to: 'note' }]);
    // A new record writes the restored field as before.
    expect((await visit({ note: '复访' })).data).toMatchObject({ note: '复访' });
  });

  it('refuses a rename onto an existing field with a reason, nothing changed', async () => {
    await visit({ address: '王城路 12 号' });
    await editVisitLog((def) => {
      delete def.schema.properties.address;
      def.schema.properties.household['x-renamedFrom'] = 'address';
      def.ui.order = def.ui.order.filter((f) => f !== 'address');
    });
    const diff = await admin.studio.diff();
    const refused = diff.migrations.find((x) => x.entity === V)!.refused;
    expect(refused).toEqual([expect.objectContaining({ field: 'household', from: 'address', to: 'household', kind: 'renameCollision', records: 1 })]);
    expect(diff.issues).toContainEqual(expect.objectContaining({ file: FILE, path: '/schema/properties/household/x-renamedFrom', code: 'renameCollision' }));
    const error = await trpcError(admin.studio.publish());
    expect(error.code).toBe('BAD_REQUEST');
    expect(issuesOf(error)[0].message).toMatch(/cannot rename address to household/);
    expect((await admin.studio.versions())[0].version).toBe(3);
    expect(runtime.registry.get(V).def.schema.properties).toHaveProperty('address');
    await admin.studio.discardDraft();
  });

  it('refuses a type change with the count of affected records unless a conversion is chosen', async () => {
    const twelve = await visit({ address: '12' });
    const half = await visit({ address: '3.5' });
    const words = await visit({ address: '东门' });
    const values = Number((await runtime.db.selectFrom('ent_visitLog').select((eb) => eb.fn.countAll().as('n')).where('address', 'is not', null).executeTakeFirstOrThrow()).n);
    await editVisitLog((def) => {
      def.schema.properties.address = { type: 'number', title: '门牌号' };
    });
    const diff = await admin.studio.diff();
    expect(diff.migrations.find((x) => x.entity === V)!.refused).toEqual([
      expect.objectContaining({ field: 'address', from: 'text', to: 'real', records: values, conversions: ['parseNumber'], kind: 'typeChange' }),
    ]);
    const refused = await trpcError(admin.studio.publish());
    expect(refused.code).toBe('BAD_REQUEST');
    expect(issuesOf(refused)).toContainEqual(expect.objectContaining({ path: '/schema/properties/address/type', code: 'typeChange', message: expect.stringContaining(`${values} record(s)`) }));
    expect((await admin.studio.versions())[0].version).toBe(3);
    expect(await column(words.id, 'address')).toBe('东门');

    const conversions = [{ entity: V, field: 'address', conversion: 'parseNumber' }];
    const published = await admin.studio.publish({ conversions });
    // '王城路 12 号' (previous test) and '东门' cannot be parsed: empty now, kept in the retired column.
    expect(published.conversions).toEqual([{ entity: V, field: 'address', conversion: 'parseNumber', records: 2, failed: values - 2, keptIn: 'address__removed_v4' }]);
    expect((await admin.entity.get({ entity: V, id: twelve.id })).data).toMatchObject({ address: 12 });
    expect((await admin.entity.get({ entity: V, id: half.id })).data).toMatchObject({ address: 3.5 });
    expect((await admin.entity.get({ entity: V, id: words.id })).data).not.toHaveProperty('address');
    expect(await column(words.id, 'address__removed_v4')).toBe('东门');
  });

  it('converts numbers back to text with toText', async () => {
    await editVisitLog((def) => {
      def.schema.properties.address = { type: 'string', title: '地址', maxLength: 200 };
    });
    const diff = await admin.studio.diff();
    // Back to text: converting today's numbers, or taking the original text (kept aside by parseNumber) back.
    expect(diff.migrations.find((x) => x.entity === V)!.refused[0]).toMatchObject({ from: 'real', to: 'text', conversions: ['toText', 'restore'] });
    const published = await admin.studio.publish({ conversions: [{ entity: V, field: 'address', conversion: 'toText' }] });
    expect(published.conversions[0]).toMatchObject({ records: 2, failed: 0 });
    const rows = await admin.entity.list({ entity: V, limit: 50 });
    expect(rows.items.map((r) => r.data.address).filter((a) => a !== undefined).sort()).toEqual(['12', '3.5']);
  });

  it('rolls back across a conversion by taking the values of that time back, not converting again', async () => {
    const versions = await admin.studio.versions();
    // versions[1] is the publish that made address a number (parseNumber), versions[0] made it text again.
    const numeric = versions[1].version;
    const preview = await admin.studio.diff({ to: numeric });
    const m = preview.migrations.find((x) => x.entity === V)!;
    expect(m.refused).toEqual([]);
    expect(m.effects.map((e) => [e.field, e.effect])).toEqual([
      ['address', 'retired'],
      ['address', 'restored'],
    ]);
    const { conversions } = await admin.studio.rollback({ toVersion: numeric });
    expect(conversions).toEqual([]);
    const values = (await admin.entity.list({ entity: V, limit: 50 })).items.map((r) => r.data.address).filter((a) => a !== undefined);
    expect(values.sort()).toEqual([12, 3.5].sort());
  });

  it('converts every row of a table larger than one batch', async () => {
    await runtime.entities.createMany(
      systemContext('en'),
      V,
      Array.from({ length: 1234 }, (_, i) => ({ orgUnitId: grid, data: { visitorKind: 'gridWorker', visitedAt: '2026-10-02T02:00:00.000Z', household: `户${i}`, note: String(i) } })),
    );
    const values = Number((await runtime.db.selectFrom('ent_visitLog').select((eb) => eb.fn.countAll().as('n')).where('note', 'is not', null).executeTakeFirstOrThrow()).n);
    await editVisitLog((def) => {
      def.schema.properties.note = { type: 'integer', title: '走访次数' };
    });
    const { conversions } = await admin.studio.publish({ conversions: [{ entity: V, field: 'note', conversion: 'parseNumber' }] });
    expect(conversions[0]).toMatchObject({ field: 'note', records: 1234, failed: values - 1234 });
    const sum = await runtime.db.selectFrom('ent_visitLog').select((eb) => eb.fn.sum('note').as('s')).executeTakeFirstOrThrow();
    expect(Number(sum.s)).toBe((1233 * 1234) / 2);
  });
});
