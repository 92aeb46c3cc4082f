import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaller, createContextInner } from '../../core/api';
import { syntheticCases } from '../../core/classifier';
import { systemContext } from '../../core/entities';
import type { Runtime } from '../../core/runtime';
import { createPrincipal } from '../../test/principals';
import { createTestRuntime, dialects } from '../../test/test-database';
import { loadSuggestion } from './load-suggestion';

const E = 'incidentCase';
const INSIDE_HONGSHAN = { lng: 112.4064, lat: 34.691 };

/** When the case page offers the classifier's category, and to whom. */
describe.each(dialects())('category suggestion on the case page on %s', (dialect) => {
  let runtime: Runtime;
  let close: () => Promise<void>;
  const as = async (role: string, unitId: string) => {
    const ctx = createContextInner({ runtime, lang: 'zh-CN', principal: await createPrincipal(runtime, [{ role, unitId }]) });
    return { api: createCaller(ctx), runtime, lang: 'zh-CN' as const, ability: ctx.ability! };
  };
  const report = (title: string, category: string) =>
    runtime.entities.create(systemContext('en'), E, { data: { title, category, channel: 'gridReport', reportedAt: '2026-09-07T01:00:00Z', location: INSIDE_HONGSHAN } });

  beforeAll(async () => {
    ({ runtime, close } = await createTestRuntime(dialect));
  });
  afterAll(() => close());

  it('offers nothing before a model exists, then the top category with confidence and departments', async () => {
    const dispatcher = await as('dispatcher', 'xg-command');
    const water = await report('水管爆裂，楼道渗水漏水，已经停水', 'urban.environment');
    expect(await loadSuggestion(dispatcher, E, water)).toBeNull();
    const samples = syntheticCases(runtime.bundle.district, 400, 1, ['红山']).map((s, i) => ({ key: `s${i}`, text: s.text, label: s.label }));
    await runtime.classifier.train(E, samples, 'en');
    const offered = await loadSuggestion(dispatcher, E, water);
    expect(offered).toMatchObject({ id: water.id, version: water.version, category: 'utilities.water', categoryLabel: '供水管网', departmentLabels: [runtime.org.get('xg-dept-water')!.name] });
    expect(offered!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('offers nothing when it agrees with the case, to someone who may not dispatch, or below the configured confidence', async () => {
    const dispatcher = await as('dispatcher', 'xg-command');
    const agreeing = await report('水管爆裂，楼道渗水漏水，已经停水', 'utilities.water');
    expect(await loadSuggestion(dispatcher, E, agreeing)).toBeNull();
    // Words of two categories: the model is less than sure.
    const other = await report('小区停车位旁边水管漏水', 'community.parking');
    expect(await loadSuggestion(await as('gridWorker', 'xg-hs-c01-g01'), E, other)).toBeNull();
    const offered = await loadSuggestion(dispatcher, E, other);
    expect(offered?.category).toBe('utilities.water');
    expect(offered!.confidence).toBeLessThan(0.999);
    const district = runtime.bundle.district;
    const saved = district.classifier;
    try {
      district.classifier = { suggestMinConfidence: offered!.confidence + 0.001 };
      expect(await loadSuggestion(dispatcher, E, other)).toBeNull();
      district.classifier = { suggestMinConfidence: offered!.confidence };
      expect((await loadSuggestion(dispatcher, E, other))?.category).toBe('utilities.water');
    } finally {
      district.classifier = saved;
    }
  });
});
