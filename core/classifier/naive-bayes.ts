import { normaliseText } from '../duplicates';

/**
 * Multinomial naive Bayes over character unigrams, bigrams and trigrams: Chinese has no spaces,
 * and character n-grams capture words ("消防通道", "物业费") without a segmenter or a model
 * download. Small, explainable, trains in milliseconds on tens of thousands of cases.
 */
export interface NaiveBayesModel {
  kind: 'naiveBayes.charNgram';
  version: 1;
  labels: string[];
  /** Documents per label. */
  docs: number[];
  /** n-gram occurrences per label (sum over all n-grams). */
  totals: number[];
  /** n-gram → sparse counts [labelIndex, count, labelIndex, count, …]. */
  grams: Record<string, number[]>;
  alpha: number;
}

export interface Prediction {
  label: string;
  /** Posterior probability among the labels (softmax of the log scores). */
  confidence: number;
}

const MAX_N = 3;

export function ngrams(text: string): string[] {
  const chars = [...normaliseText(text)];
  const out: string[] = [];
  for (let n = 1; n <= MAX_N; n++) for (let i = 0; i + n <= chars.length; i++) out.push(chars.slice(i, i + n).join(''));
  return out;
}

export function trainNaiveBayes(samples: { text: string; label: string }[], alpha = 0.1): NaiveBayesModel {
  const labels = [...new Set(samples.map((s) => s.label))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const docs = new Array<number>(labels.length).fill(0);
  const counts = new Map<string, Map<number, number>>();
  for (const s of samples) {
    const li = index.get(s.label)!;
    docs[li]++;
    for (const g of ngrams(s.text)) {
      let byLabel = counts.get(g);
      if (!byLabel) counts.set(g, (byLabel = new Map()));
      byLabel.set(li, (byLabel.get(li) ?? 0) + 1);
    }
  }
  const totals = new Array<number>(labels.length).fill(0);
  const grams: Record<string, number[]> = {};
  for (const [g, byLabel] of counts) {
    let seen = 0;
    for (const c of byLabel.values()) seen += c;
    // An n-gram seen once in the whole corpus is noise (a typo, a name): it only bloats the model.
    if (seen < 2) continue;
    const sparse: number[] = [];
    for (const [li, c] of byLabel) {
      sparse.push(li, c);
      totals[li] += c;
    }
    grams[g] = sparse;
  }
  return { kind: 'naiveBayes.charNgram', version: 1, labels, docs, totals, grams, alpha };
}

/** Labels ranked by posterior probability, best first. */
export function predict(model: NaiveBayesModel, text: string, top = 3): Prediction[] {
  const k = model.labels.length;
  const vocabulary = Object.keys(model.grams).length || 1;
  const allDocs = model.docs.reduce((a, b) => a + b, 0);
  const scores = model.docs.map((d) => Math.log((d + 1) / (allDocs + k)));
  const denominators = model.totals.map((t) => Math.log(t + model.alpha * vocabulary));
  const counts = new Float64Array(k);
  for (const g of ngrams(text)) {
    const sparse = model.grams[g];
    if (!sparse) continue;
    counts.fill(0);
    for (let i = 0; i < sparse.length; i += 2) counts[sparse[i]] = sparse[i + 1];
    for (let li = 0; li < k; li++) scores[li] += Math.log(counts[li] + model.alpha) - denominators[li];
  }
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp
    .map((e, li) => ({ label: model.labels[li], confidence: e / sum }))
    .sort((a, b) => b.confidence - a.confidence)
    .slice(0, top);
}

export interface Evaluation {
  accuracy: number;
  top3: number;
  tested: number;
}

export function evaluate(model: NaiveBayesModel, samples: { text: string; label: string }[]): Evaluation {
  let right = 0;
  let inTop3 = 0;
  for (const s of samples) {
    const p = predict(model, s.text, 3);
    if (p[0]?.label === s.label) right++;
    if (p.some((x) => x.label === s.label)) inTop3++;
  }
  const n = samples.length || 1;
  return { accuracy: right / n, top3: inTop3 / n, tested: samples.length };
}

/** A stable train/held-out split by a hash of each sample's key: the same cases test every time. */
export function heldOut(key: string, share = 0.2): boolean {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return ((h >>> 0) % 1000) / 1000 < share;
}
