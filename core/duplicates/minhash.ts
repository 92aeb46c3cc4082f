/**
 * MinHash of a report's character bigrams: the share of equal components estimates the Jaccard
 * similarity of two texts' bigram sets, so a re-posted complaint with a word changed scores
 * ~0.8–0.95 and an unrelated one ~0–0.2. Banded (LSH) so that near-identical texts meet in an
 * indexed equality lookup instead of a scan.
 */
export const HASHES = 24;
const ROWS_PER_BAND = 4;

/** Texts shorter than this (after normalising) say too little to call two reports the same. */
export const MIN_TEXT_CHARS = 8;

/** Letters and digits only, full-width folded, lower case: punctuation and spacing vary freely. */
export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

const SEEDS = Array.from({ length: HASHES }, (_, i) => fmix32(0x9e3779b9 ^ Math.imul(i + 1, 0x85ebca6b)));

export function minhash(text: string): Uint32Array | null {
  const chars = [...normaliseText(text)];
  if (chars.length < MIN_TEXT_CHARS) return null;
  const grams = new Set<number>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(fnv1a(chars[i] + chars[i + 1]));
  const sig = new Uint32Array(HASHES).fill(0xffffffff);
  for (const g of grams) {
    for (let k = 0; k < HASHES; k++) {
      const h = fmix32(g ^ SEEDS[k]);
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of the two texts' bigram sets (0…1). */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < HASHES; k++) if (a[k] === b[k]) same++;
  return same / HASHES;
}

/**
 * Six band keys of four components each: texts with Jaccard 0.8 share a band with probability
 * 96 %, texts with 0.2 with 1 %, so candidates are few and the similarity check decides.
 */
export function bands(sig: Uint32Array): string[] {
  const out: string[] = [];
  for (let b = 0; b < HASHES / ROWS_PER_BAND; b++) {
    let h = 0x811c9dc5 ^ b;
    for (let r = 0; r < ROWS_PER_BAND; r++) h = fmix32(Math.imul(h ^ sig[b * ROWS_PER_BAND + r], 0x01000193));
    out.push(`${b}:${(h >>> 0).toString(16).padStart(8, '0')}`);
  }
  return out;
}

export function toHex(sig: Uint32Array): string {
  return Array.from(sig, (v) => v.toString(16).padStart(8, '0')).join('');
}

export function fromHex(hex: string): Uint32Array {
  const sig = new Uint32Array(HASHES);
  for (let k = 0; k < HASHES; k++) sig[k] = parseInt(hex.slice(k * 8, k * 8 + 8), 16) >>> 0;
  return sig;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** murmur3's finaliser: every input bit moves every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
