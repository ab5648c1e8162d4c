import { describe, expect, it } from 'vitest';
import { ownBytes } from './yoga.js';

describe('a kept answer owns its bytes', () => {
  it("holds an ArrayBuffer of exactly its size, not a slab of Node's buffer pool", () => {
    const pooled = Buffer.from('{"data":{"lookup":{"id":"firm:chuanheng","name":"川恒"}}}');
    // The premise: a small Buffer is a view into a larger shared slab (what a cache entry must not keep alive).
    expect(pooled.buffer.byteLength).toBeGreaterThan(pooled.length);
    for (const body of [pooled, new Uint8Array(pooled).buffer]) {
      const own = ownBytes(body);
      expect(own.buffer.byteLength).toBe(pooled.length);
      expect(own.equals(pooled)).toBe(true);
    }
  });
});
