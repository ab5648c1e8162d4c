import neo4j from 'neo4j-driver';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { boltMessages } from '../src/db/bolt-messages.js';
import { useTestDb } from './support/harness.js';

/**
 * Messages that arrive in several pieces are joined before the driver decodes them (src/db/bolt-messages.ts):
 * the joining must be on for the installed driver, and what it decodes must be exactly what Neo4j sent.
 */
useTestDb();

describe('large Bolt messages', () => {
  const target = inject('neo4j');
  // A plain driver of the same process: the joining is per process, as the API's GraphDb (useTestDb) installed it.
  const raw = neo4j.driver(target.uri, target.username ? neo4j.auth.basic(target.username, target.password ?? '') : undefined, { disableLosslessIntegers: true });
  afterAll(() => raw.close());
  const run = async (text: string, params: Record<string, unknown>) => {
    const session = raw.session({ database: target.database });
    try {
      return (await session.run(text, params)).records;
    } finally {
      await session.close();
    }
  };

  it('joins them on the installed neo4j-driver (off would mean an upgrade changed its Dechunker: look again)', () => {
    expect(boltMessages.joining).toBe(true);
  });

  it('decodes a record of collected maps over many pieces exactly as sent', async () => {
    const before = boltMessages.joined;
    const n = 6000;
    const [record] = await run(
      `RETURN [i IN range(0, $n - 1) | {id: 'firm:' + i, name: '川恒化工' + i + '川恆', share: i * 1.5, rank: i, tags: [i, toString(i), null]}] AS rows`,
      { n: neo4j.int(n) },
    );
    const expected = Array.from({ length: n }, (_, i) => ({ id: `firm:${i}`, name: `川恒化工${i}川恆`, share: i * 1.5, rank: i, tags: [i, String(i), null] }));
    expect(record.get('rows')).toEqual(expected);
    expect(boltMessages.joined).toBeGreaterThan(before);
  });

  it('decodes a string longer than a Bolt chunk, multi-byte characters across the pieces', async () => {
    const text = `${'川恆·chuanheng·'.repeat(30_000)}end`;
    const [record] = await run('RETURN $text AS text, size($text) AS length', { text });
    expect(record.get('text')).toBe(text);
    expect(record.get('length')).toBe(text.length);
  });
});
