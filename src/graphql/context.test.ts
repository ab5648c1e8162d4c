import { describe, expect, it } from 'vitest';
import { formatServerTiming, parseServerTiming } from './context.js';

describe('Server-Timing', () => {
  it('reads back what the server writes, each duration as a number and the cache answer as text', () => {
    expect(parseServerTiming(formatServerTiming(1.25, 3.4, 2, 5.04, 'miss'))).toEqual({ queue: 1.3, execute: 3.4, cypher: 2, total: 5, cache: 'miss' });
    expect(parseServerTiming(null)).toBeNull();
  });
});
