import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

let lastTime = -1;
let lastRandom: number[] = [];

/**
 * A ULID: 48 bits of milliseconds then 80 random bits, Crockford base32. Ids sort by creation
 * time, so new rows land at the end of the primary-key index instead of all over it. Within one
 * millisecond the random part is incremented (monotonic ULID), so a timeline ordered by id keeps
 * the order in which its events were written.
 */
export function newRecordId(now: number = Date.now()): string {
  let time = '';
  let ms = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[ms % 32] + time;
    ms = Math.floor(ms / 32);
  }
  if (now <= lastTime && lastRandom.length) {
    // Same (or an earlier, clock-skewed) millisecond: continue from the last id.
    for (let i = 15; i >= 0; i--) {
      if (lastRandom[i] < 31) {
        lastRandom[i]++;
        break;
      }
      lastRandom[i] = 0;
    }
    if (now < lastTime) time = encodeTime(lastTime);
  } else {
    const bytes = randomBytes(16);
    // The top digit starts below 16 so increments within a millisecond cannot overflow.
    lastRandom = Array.from(bytes, (b, i) => (i === 0 ? b & 15 : b & 31));
    lastTime = now;
  }
  return time + lastRandom.map((d) => ALPHABET[d]).join('');
}

function encodeTime(t: number): string {
  let out = '';
  for (let i = 0, ms = t; i < 10; i++, ms = Math.floor(ms / 32)) out = ALPHABET[ms % 32] + out;
  return out;
}
