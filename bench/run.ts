/**
 * `npm run bench [-- --filter <text>]`: runs the benchmarks, prints a table and writes
 * bench/results.json. Targets live here, never in timed unit tests.
 */
import { scopedList } from './access-benchmarks';
import { channelIntake } from './channel-benchmarks';
import { configCheck } from './config-benchmarks';
import { zhengzhouStartup } from './startup-benchmarks';
import { broadcastFanOut, dashboardFigures, sseDelivery } from './dashboard-benchmarks';
import { indexedList, insertThroughput } from './entity-benchmarks';
import { classifierAccuracy, geoRouting, intakeEndToEnd } from './intake-benchmarks';
import { formRender } from './form-benchmarks';
import { orgImport } from './org-import-benchmarks';
import { breachStorm, transitionThroughput } from './workflow-benchmarks';
import { silverCareAnomaly } from './silver-care-benchmarks';
import { webTaskPage } from './web-benchmarks';
import { printTable, writeResults, type Benchmark, type BenchResult } from './harness';

const ALL: Benchmark[] = [configCheck, zhengzhouStartup, insertThroughput, indexedList, scopedList, transitionThroughput, breachStorm, geoRouting, intakeEndToEnd, classifierAccuracy, channelIntake, silverCareAnomaly, webTaskPage, dashboardFigures, broadcastFanOut, sseDelivery, formRender, orgImport];

const args = process.argv.slice(2);
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
if (args.includes('--help')) {
  console.log('usage: npm run bench [-- --filter <text>]\n');
  for (const b of ALL) console.log(`  ${b.name}\n      ${b.description}`);
  process.exit(0);
}
const selected = ALL.filter((b) => !filter || b.name.includes(filter));
if (!selected.length) {
  console.error(`no benchmark matches "${filter}"; see npm run bench -- --help`);
  process.exit(2);
}

const results: BenchResult[] = [];
for (const b of selected) {
  const t = performance.now();
  console.log(`▶ ${b.name}: ${b.description}`);
  results.push(...(await b.run()));
  console.log(`  done in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
printTable(results);
writeResults(results);
