/**
 * Issue 6 target: a 150-field form (every widget type, 20 conditional sections) becomes
 * interactive in Chromium at least twice as fast with Gridwork's SchemaForm as with @rjsf/core
 * (validator-ajv8, core theme) on the same schema. Both pages are production builds (esbuild,
 * minified, NODE_ENV=production) served from 127.0.0.1; runs alternate between them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import type { Benchmark, BenchResult } from './harness';
import { percentile, round } from './harness';

const RUNS = Number(process.env.FORM_BENCH_RUNS ?? 9);
const PAGES = { gridwork: 'bench/form-pages/gridwork-page.tsx', rjsf: 'bench/form-pages/rjsf-page.tsx' } as const;
type PageName = keyof typeof PAGES;

interface PageResult {
  label: string;
  mounted: number;
  interactive: number;
  complete: number;
  reflected: boolean;
  latencies: number[];
  renders: Record<string, number>;
  inputs: number;
}

interface Sizes {
  /** Gzipped JS loaded before the form can render (entry and its static imports). */
  initial: number;
  /** Gzipped JS of every chunk (lazy widgets and ajv included). */
  total: number;
}

async function bundle(dir: string): Promise<Record<PageName, Sizes>> {
  const sizes = {} as Record<PageName, Sizes>;
  for (const [name, entry] of Object.entries(PAGES) as [PageName, string][]) {
    const outdir = path.join(dir, name);
    const { metafile } = await build({
      entryPoints: { entry },
      bundle: true,
      splitting: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      jsx: 'automatic',
      outdir,
      metafile: true,
      loader: { '.geojson': 'json' },
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    });
    const gz = (file: string) => gzipSync(readFileSync(file)).length;
    const initial = new Set<string>();
    const visit = (file: string) => {
      if (initial.has(file)) return;
      initial.add(file);
      for (const i of metafile.outputs[file].imports) if (i.kind === 'import-statement') visit(i.path);
    };
    visit(Object.keys(metafile.outputs).find((f) => metafile.outputs[f].entryPoint)!);
    const js = Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'));
    sizes[name] = { initial: [...initial].reduce((n, f) => n + gz(f), 0), total: js.reduce((n, f) => n + gz(f), 0) };
    // As a production build's HTML does (Next.js lists a route's chunks): the entry's static imports
    // are fetched at once, not discovered one round trip later.
    const preloads = [...initial].map((f) => `<link rel="modulepreload" href="/${name}/${path.basename(f)}">`).join('');
    writeFileSync(
      path.join(dir, `${name}.html`),
      `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${name}</title>${preloads}</head><body><div id="root"></div><script type="module" src="/${name}/entry.js"></script></body></html>`,
    );
  }
  writeFileSync(path.join(dir, 'grids.json'), readFileSync('configs/xigong/org/grids.geojson'));
  return sizes;
}

const TYPES: Record<string, string> = { '.js': 'text/javascript', '.html': 'text/html; charset=utf-8', '.json': 'application/json' };

function serve(dir: string): Promise<{ server: Server; origin: string }> {
  const server = createServer((req, res) => {
    const file = path.join(dir, path.normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, ''));
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as { port: number }).port}` })));
}

const median = (xs: number[]) => percentile(xs, 50);
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

export const formRender: Benchmark = {
  name: 'form: 150-field form, Gridwork SchemaForm vs @rjsf/core in Chromium',
  description: `time from navigation start to the form mounted and a first keystroke reflected, median of ${RUNS} runs each, alternating; keystroke latency; re-renders per keystroke`,
  async run() {
    const dir = mkdtempSync(path.join(tmpdir(), 'gw-formbench-'));
    const sizes = await bundle(dir);
    const { server, origin } = await serve(dir);
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
    const samples: Record<PageName, PageResult[]> = { gridwork: [], rjsf: [] };
    try {
      for (let run = 0; run < RUNS + 1; run++) {
        for (const name of (run % 2 ? ['rjsf', 'gridwork'] : ['gridwork', 'rjsf']) as PageName[]) {
          // A fresh context per load: no warm code cache or memory from the previous run.
          const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
          const page = await context.newPage();
          await page.goto(`${origin}/${name}.html`);
          await page.waitForFunction(() => (window as any).__result, undefined, { timeout: 60_000, polling: 50 });
          const result = (await page.evaluate(() => (window as any).__result)) as PageResult;
          await context.close();
          if (!result.reflected) throw new Error(`${name}: the typed text did not show in the form`);
          if (run > 0) samples[name].push(result); // run 0 warms the browser process
        }
      }
    } finally {
      await browser.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    }

    const tti = (n: PageName) => median(samples[n].map((r) => r.interactive));
    const mount = (n: PageName) => median(samples[n].map((r) => r.mounted));
    const complete = (n: PageName) => median(samples[n].map((r) => r.complete));
    const key = (n: PageName) => median(samples[n].flatMap((r) => r.latencies));
    const ours = samples.gridwork;
    const others = Object.entries(ours[0].renders).filter(([name]) => name !== 'text10');
    const rerendered = Math.max(...ours.map((r) => Object.keys(r.renders).filter((n) => n !== 'text10').length));
    const typedRenders = median(ours.map((r) => r.renders.text10 ?? 0));
    const range = (n: PageName) =>
      `${round(Math.min(...samples[n].map((r) => r.interactive)), 0)}–${round(Math.max(...samples[n].map((r) => r.interactive)), 0)} ms`;
    const results: BenchResult[] = [
      {
        name: 'form: time to interactive (150 fields), SchemaForm vs rjsf',
        value: tti('gridwork'),
        unit: 'ms',
        baseline: tti('rjsf'),
        ratio: tti('rjsf') / tti('gridwork'),
        target: 'rjsf / ours ≥ 2',
        ok: tti('rjsf') / tti('gridwork') >= 2,
        note: `ranges: ours ${range('gridwork')}, rjsf ${range('rjsf')}; first field at ${round(mount('gridwork'), 0)} vs ${round(mount('rjsf'), 0)} ms; all 150 fields mounted at ${round(complete('gridwork'), 0)} vs ${round(complete('rjsf'), 0)} ms; inputs ${ours[0].inputs} vs ${samples.rjsf[0].inputs}; JS gzipped before render ${kb(sizes.gridwork.initial)} vs ${kb(sizes.rjsf.initial)}, all chunks ${kb(sizes.gridwork.total)} vs ${kb(sizes.rjsf.total)}`,
      },
      {
        name: 'form: keystroke latency (median), SchemaForm vs rjsf',
        value: key('gridwork'),
        unit: 'ms',
        baseline: key('rjsf'),
        ratio: key('rjsf') / key('gridwork'),
        target: 'faster than rjsf',
        ok: key('gridwork') < key('rjsf'),
        note: `p95 ours ${round(
          percentile(
            ours.flatMap((r) => r.latencies),
            95,
          ),
        )} ms, rjsf ${round(
          percentile(
            samples.rjsf.flatMap((r) => r.latencies),
            95,
          ),
        )} ms`,
      },
      {
        name: 'form: other fields re-rendered while typing in one',
        value: rerendered,
        unit: 'fields',
        target: '0 (typed field renders once per keystroke)',
        ok: rerendered === 0 && typedRenders === ours[0].latencies.length,
        note: `typed field rendered ${typedRenders} times for ${ours[0].latencies.length} keystrokes${others.length ? `; others: ${others.map(([n]) => n).join(', ')}` : ''}`,
      },
    ];
    for (const r of results) if (r.note) console.log(`  ${r.name}: ${r.note}`);
    return results;
  },
};
