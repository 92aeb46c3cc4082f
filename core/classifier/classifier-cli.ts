import type { Runtime } from '../runtime';
import { t } from '../i18n';
import { syntheticCases } from './synthetic-cases';
import type { LabelledText } from './category-classifier';

/**
 * `gridwork classifier train`: retrains category suggestion on the district's closed cases and
 * prints held-out accuracy. `--synthetic N` trains on N generated reports instead (a fresh demo
 * database has no closed cases yet).
 */
export async function runClassifierTrain(runtime: Runtime, opts: { entity: string; synthetic?: number }): Promise<number> {
  const lang = runtime.options.lang;
  let samples: LabelledText[];
  if (opts.synthetic) {
    const places = runtime.bundle.units.filter((u) => u.kind === 'area' && u.parent).map((u) => u.name);
    samples = syntheticCases(runtime.bundle.district, opts.synthetic, 1, places).map((s, i) => ({ key: `synthetic-${i}`, text: s.text, label: s.label }));
    console.log(t(lang, 'classifier.synthetic', { count: samples.length }));
  } else samples = await runtime.classifier.closedCases(opts.entity);
  const report = await runtime.classifier.train(opts.entity, samples, lang);
  console.log(
    t(lang, 'classifier.trained', {
      train: report.trained,
      test: report.tested,
      accuracy: (report.accuracy * 100).toFixed(1),
      top3: (report.top3 * 100).toFixed(1),
      categories: report.categories,
    }),
  );
  return 0;
}
