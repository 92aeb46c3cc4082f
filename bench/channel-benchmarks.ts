import { handleChannelPost, mapPayload, runChannelKey } from '../core/intake';
import type { Runtime } from '../core/runtime';
import { benchRuntime } from './fixtures';
import type { Benchmark, BenchResult } from './harness';

const N = 600;
const CHUNK = 50;

/** A 12345 work order in the hotline's own shape (mapped by the channel's config). */
const order = (i: number) => ({
  title: `工单 ${i}：路面渗水`,
  content: '路口地面持续渗水，影响通行',
  type: i % 3 ? '供水' : '市容',
  address: '西工区和平路与中州路交叉口',
  gps: { lng: 112.40 + (i % 50) * 0.001, lat: 34.67 + (i % 40) * 0.001 },
  acceptTime: '2026-09-05 10:00:00',
  level: '一般',
});

/** Posts orders [from, to) through the endpoint core; returns the milliseconds taken. */
async function postRange(runtime: Runtime, key: string, prefix: string, from: number, to: number): Promise<number> {
  const t = performance.now();
  for (let i = from; i < to; i++) {
    const res = await handleChannelPost(
      runtime.intake,
      new Request('http://bench/api/channels/hotline12345/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'idempotency-key': `${prefix}-${i}` },
        body: JSON.stringify(order(i)),
      }),
      'hotline12345',
      'en',
    );
    if (res.status !== 201) throw new Error(`post ${i}: ${res.status} ${await res.text()}`);
  }
  return performance.now() - t;
}

export const channelIntake: Benchmark = {
  name: 'intake.channel.post',
  description: `${N} 12345 posts through the channel endpoint core (key check, idempotency claim, mapping, create with routing/dedup/audit/clocks) vs the same cases straight into the entity service, in interleaved chunks of ${CHUNK}, SQLite file`,
  async run(): Promise<BenchResult[]> {
    const { runtime, close } = await benchRuntime('xigong');
    try {
      const key = await runChannelKey(runtime, 'hotline12345', 'en', () => {});
      const mapping = runtime.channels.get('hotline12345')!.mapping;
      const direct = async (from: number, to: number) => {
        const t = performance.now();
        for (let i = from; i < to; i++) {
          const { data } = mapPayload(order(i), mapping, { channel: 'hotline12345', timeZone: 'Asia/Shanghai', lang: 'en' });
          await runtime.entities.create({ lang: 'en', actor: { id: 'channel:hotline12345' } }, 'incidentCase', { data });
        }
        return performance.now() - t;
      };
      await postRange(runtime, key, 'warm', 0, N); // JIT, statement cache, grid index
      // Interleaved chunks: both sides meet the same table size and the same nearby duplicates.
      let directMs = 0;
      let postMs = 0;
      for (let from = 0; from < N; from += CHUNK) {
        directMs += await direct(from, from + CHUNK);
        postMs += await postRange(runtime, key, 'run', from, from + CHUNK);
      }
      const baseline = (N / directMs) * 1000;
      const posted = (N / postMs) * 1000;
      const replayed = (N / (await postRange(runtime, key, 'run', 0, N))) * 1000;
      const ratio = posted / baseline;
      return [
        { name: 'intake.channel.post', value: Math.round(posted), unit: 'cases/s', baseline: Math.round(baseline), ratio: Math.round(ratio * 100) / 100, target: '≥ 0.8 of direct create', ok: ratio >= 0.8, note: 'baseline: entity service create of the same mapped cases' },
        { name: 'intake.channel.replay', value: Math.round(replayed), unit: 'posts/s', target: '> first posts', ok: replayed > posted, note: 'retries with the same Idempotency-Key return the stored answer' },
      ];
    } finally {
      await close();
    }
  },
};
