import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { BulkBatch } from '../../seed/bulk.js';
import { byteString, byteStrings, fileOf, readBatchFileBytes } from '../batch-file.js';
import { CsvImportWriter, type TextForm } from './csv.js';
import { EntityNumbers } from './numbers.js';

// The CSV writers read batch files as UTF-8 byte strings and write them back byte for byte: the
// same bytes as decoding the text and encoding it again, which is what these tests hold them to.
const folder = mkdtempSync(path.join(tmpdir(), 'synth-bytes-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const batch = (name: string): BulkBatch =>
  ({
    entities: [
      { id: 'firm:syn-0000001', kind: 'Firm', props: { kind: 'Firm', name, nameEn: 'Qianfeng "Quoted" Co.', aliases: [name, '黔丰'], evNotes: ['合成'] } },
      { id: 'place:syn-park-000001', kind: 'Place', props: { kind: 'Place', name: '贵阳园区', placeKind: 'park' } },
    ],
    relations: [{ key: 'LOCATED_IN|firm:syn-0000001|place:syn-park-000001|site', type: 'LOCATED_IN', from: 'firm:syn-0000001', to: 'place:syn-park-000001', props: { role: 'site', capacity: 1.5 } }],
  }) as unknown as BulkBatch;

function writeBatch(index: number, rows: BulkBatch): void {
  writeFileSync(fileOf(folder, index), gzipSync(JSON.stringify(rows), { level: 1 }));
}

function csvOf(rows: BulkBatch, form: TextForm, out: string): Record<string, string> {
  const numbers = new EntityNumbers();
  numbers.learn(rows);
  const writer = new CsvImportWriter(out, numbers, '', form);
  for (const e of rows.entities) writer.entity(e.kind, { ...(e.props as unknown as Record<string, string>), id: e.id });
  for (const r of rows.relations) writer.relationship(r.type, r.from, r.to, { ...(r.props as unknown as Record<string, string>), key: r.key });
  writer.close();
  return Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(path.join(out, f), 'latin1')]));
}

describe('UTF-8 byte strings (the offline import CSV writers)', () => {
  it('reads a batch file with each string as its UTF-8 bytes, keys and ASCII unchanged', async () => {
    const rows = batch('贵州黔丰能源科技有限公司 🚗 é');
    writeBatch(0, rows);
    const read = await readBatchFileBytes(folder, 0);
    expect(read).toEqual(byteStrings(rows));
    const name = (read.entities[0].props as { name: string }).name;
    expect(name).not.toBe((rows.entities[0].props as { name: string }).name);
    expect(Buffer.from(name, 'latin1').toString('utf8')).toBe('贵州黔丰能源科技有限公司 🚗 é');
    expect(read.relations[0].from).toBe('firm:syn-0000001');
  });

  it('takes the slow way, with the same result, when the JSON holds a \\u escape above U+007F', async () => {
    const rows = batch('贵州\ud800公司\u0001'); // a lone surrogate: JSON.stringify escapes it as \ud800
    writeBatch(1, rows);
    expect(readFileSync(fileOf(folder, 1)).length).toBeGreaterThan(0);
    expect(await readBatchFileBytes(folder, 1)).toEqual(byteStrings(rows));
    expect(byteString('\u0001')).toBe('\u0001');
  });

  it('writes the same CSV bytes from byte strings as from the decoded text', () => {
    const rows = batch('贵州黔丰能源科技有限公司');
    const text = csvOf(rows, 'text', path.join(folder, 'text'));
    const bytes = csvOf(byteStrings(rows), 'bytes', path.join(folder, 'bytes'));
    expect(Object.keys(text).length).toBeGreaterThan(2);
    expect(bytes).toEqual(text);
    expect(Object.values(text).join('')).toContain(Buffer.from('黔丰', 'utf8').toString('latin1'));
  });
});
