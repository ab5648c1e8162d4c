/**
 * Deterministic randomness addressed by (seed, stream, index): record i of a stream is the same
 * whatever was generated before it, so a load can resume at any batch without replaying the others.
 */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

export type Rng = () => number;

/** A small fast generator (mulberry32) seeded from seed, stream and index. */
export function rngFor(seed: number, stream: number, index: number): Rng {
  let state = mix32(mix32(mix32(seed) ^ Math.imul(stream + 1, 0x9e3779b1)) ^ index);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
export const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/** Picks an index with probability proportional to its weight (cumulative weights, binary search). */
export class WeightedPicker {
  private readonly cumulative: number[] = [];
  constructor(weights: readonly number[]) {
    let sum = 0;
    for (const w of weights) this.cumulative.push((sum += w));
  }
  pick(rng: Rng): number {
    const target = rng() * this.cumulative[this.cumulative.length - 1];
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid] <= target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
