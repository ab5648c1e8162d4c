import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { Q } from '../src/db/queries.js';
import { T } from './support/fixtures.js';
import { ArticleInputError, extractArticle, normalizeArticle } from '../src/ingest/extract.js';
import { ExtractionModel, type Extraction } from '../src/ingest/extraction.js';
import { goldOf } from '../src/ingest/eval.js';
import { MAX_ARTICLE_BYTES } from '../src/ingest/limits.js';
import { searchKey, searchKeysFor } from '../src/text/normalize.js';
import { seed, useGraphQL, useTestDb } from './support/harness.js';

const db = useTestDb();
const gql = useGraphQL(db);
const graph = seed();
const ARTICLES = path.join(import.meta.dirname, 'fixtures', 'articles');
const article = (file: string) => readFileSync(path.join(ARTICLES, file), 'utf8');
/** The curated id of a name, looked up in the seed (never typed in). */
const idOf = (name: string) => {
  const found = graph.entities.filter((e) => e.name === name);
  expect(found, name).toHaveLength(1);
  return found[0].id;
};
const entity = (x: Extraction, name: string) => x.entities.find((e) => e.name === name);
const relation = (x: Extraction, type: string, from: string, to: string) => x.relations.find((r) => r.type === type && r.from === from && r.to === to);

async function counts() {
  const [row] = await db.read(Q.graphCounts, {});
  return row;
}

describe('extraction of unseen articles', () => {
  it('simplified: a new firm in a known county, its project with capacity and status, its parent, the investment and an input', async () => {
    const x = await extractArticle(db, article('kaiyang-lfp-simplified.txt'), { title: '新锂能源项目开工' });
    const firm = entity(x, '贵州新锂能源材料有限公司');
    expect(firm).toMatchObject({ kind: 'Firm', match: null, matches: [] });
    expect(entity(x, '开阳县')).toMatchObject({ kind: 'Place', match: idOf('开阳县') });
    expect(entity(x, '磷酸铁锂')).toMatchObject({ kind: 'Product', match: idOf('磷酸铁锂') });
    expect(entity(x, '开阳经济开发区')).toMatchObject({ kind: 'Place', match: null });
    expect(relation(x, 'WITHIN', '开阳经济开发区', '开阳县')).toBeDefined();
    expect(relation(x, 'LOCATED_IN', '贵州新锂能源材料有限公司', '开阳县')).toMatchObject({ toId: idOf('开阳县') });
    const produces = relation(x, 'PRODUCES', '年产5万吨磷酸铁锂项目', '磷酸铁锂');
    expect(produces).toMatchObject({ capacity: 5, unit: '万吨/年', status: 'under_construction', toId: idOf('磷酸铁锂') });
    expect(relation(x, 'SUBSIDIARY_OF', '贵州新锂能源材料有限公司', '贵州黔锂控股集团有限公司')).toBeDefined();
    expect(relation(x, 'INVESTS_IN', '贵州新锂能源材料有限公司', '年产5万吨磷酸铁锂项目')).toMatchObject({ amount: 30, amountUnit: '亿元', currency: 'CNY' });
    expect(relation(x, 'INPUT_TO', '磷酸铁', '磷酸铁锂')).toMatchObject({ fromId: idOf('磷酸铁'), toId: idOf('磷酸铁锂') });
    expect(x.document).toMatchObject({ title: '新锂能源项目开工', publisher: null });
  });

  it('traditional with pinyin glosses and CRLF: the same kinds of facts, quotes in the article’s own characters', async () => {
    const raw = article('wengan-iron-phosphate-traditional.txt');
    expect(raw).toContain('\r\n');
    const x = await extractArticle(db, raw);
    expect(entity(x, '贵州恒泰新材料股份有限公司')).toMatchObject({ kind: 'Firm', match: null });
    expect(entity(x, '瓮安县')).toMatchObject({ match: idOf('瓮安县') });
    expect(relation(x, 'WITHIN', '龙塘工业园区', '瓮安县')).toBeDefined();
    expect(relation(x, 'LOCATED_IN', '贵州恒泰新材料股份有限公司', '瓮安县')).toBeDefined();
    // 年產1.2萬噸 … 已經投產 → 1.2 万吨/年, operating; 計劃…年產十五萬噸 → 15 万吨/年, planned.
    expect(relation(x, 'PRODUCES', '贵州恒泰新材料股份有限公司', '磷酸一铵')).toMatchObject({ capacity: 1.2, unit: '万吨/年', status: 'operating' });
    expect(relation(x, 'PRODUCES', '年产十五万吨磷酸铁项目', '磷酸铁')).toMatchObject({ capacity: 15, unit: '万吨/年', status: 'planned' });
    expect(relation(x, 'SUBSIDIARY_OF', '贵州恒泰新材料股份有限公司', '贵州开磷控股(集团)有限责任公司')).toBeDefined();
    // The investor is the firm, not the government it signed with.
    expect(relation(x, 'INVESTS_IN', '贵州恒泰新材料股份有限公司', '年产十五万吨磷酸铁项目')).toMatchObject({ amount: 12, currency: 'CNY', status: 'planned' });
    expect(relation(x, 'INPUT_TO', '磷矿石', '磷酸')).toBeDefined();
    expect(relation(x, 'INPUT_TO', '磷酸', '磷酸铁')).toBeDefined();
    const quote = relation(x, 'PRODUCES', '年产十五万吨磷酸铁项目', '磷酸铁')!.quote;
    expect(quote).toContain('年產十五萬噸磷酸鐵(tiě)項目');
  });

  it('simplified policy article: the policy, what it concerns, who issued it, a trial line, a signed investment', async () => {
    const x = await extractArticle(db, article('xifeng-policy-simplified.txt'));
    const policy = '息烽县磷化工产业高质量发展实施方案';
    expect(entity(x, policy)).toMatchObject({ kind: 'Policy', match: null });
    expect(relation(x, 'CONCERNS', policy, '息烽县')).toMatchObject({ toId: idOf('息烽县') });
    expect(relation(x, 'ISSUED_BY', policy, '息烽县人民政府')).toBeDefined();
    expect(relation(x, 'PRODUCES', '贵州瑞泰化工有限公司', '硫酸')).toMatchObject({ capacity: 30, unit: '万吨/年', status: 'trial' });
    expect(relation(x, 'LOCATED_IN', '贵州瑞泰化工有限公司', '小寨坝工业园区')).toBeDefined();
    expect(relation(x, 'INPUT_TO', '硫酸', '磷酸')).toBeDefined();
    // 8000万元 is 0.8 亿元, the unit the graph keeps money in.
    expect(relation(x, 'INVESTS_IN', '贵州瑞泰化工有限公司', '余热发电项目')).toMatchObject({ amount: 0.8, amountUnit: '亿元', status: 'signed' });
  });

  it('a name several entities answer to carries all of them and no match; a contributed entity is known at once', async () => {
    // Fixture ids start with test- (test/support/fixtures.ts).
    const ids = ['test-ingest-a', 'test-ingest-b', 'test-ingest-new'];
    const add = (id: string, name: string) => {
      const keys = searchKeysFor([name]);
      return db.write(T.fixtureAddEntity, { id, kind: 'Firm', name, primaryKeys: [searchKey(name)], searchKeys: keys, searchText: keys.join(' ') });
    };
    const text = '黔丰磷业有限公司与贵州瑞锂电池材料有限公司签约。贵州瑞锂电池材料有限公司位于福泉市。';
    try {
      const before = await extractArticle(db, text);
      expect(entity(before, '贵州瑞锂电池材料有限公司')).toMatchObject({ match: null, matches: [] });
      await add(ids[0], '黔丰磷业有限公司');
      await add(ids[1], '黔丰磷业有限公司');
      await add(ids[2], '贵州瑞锂电池材料有限公司');
      // No restart: the dictionary notices the graph changed.
      const after = await extractArticle(db, text);
      expect(entity(after, '黔丰磷业有限公司')).toMatchObject({ match: null, matches: [ids[0], ids[1]].sort() });
      expect(entity(after, '贵州瑞锂电池材料有限公司')).toMatchObject({ match: ids[2], matches: [ids[2]] });
      expect(relation(after, 'LOCATED_IN', '贵州瑞锂电池材料有限公司', '福泉市')).toMatchObject({ fromId: ids[2], toId: idOf('福泉市') });
    } finally {
      await db.write(T.fixtureRemove, { ids });
    }
  });
});

describe('quotes', () => {
  it('every quote and surface of every output is the normalized input at its offsets', async () => {
    const inputs = [...['kaiyang-lfp-simplified.txt', 'wengan-iron-phosphate-traditional.txt', 'xifeng-policy-simplified.txt'].map(article), ...graph.documents.map((d) => d.text)];
    let checked = 0;
    for (const input of inputs) {
      const normalized = normalizeArticle(input);
      const x = await extractArticle(db, input);
      expect(() => ExtractionModel.parse(x)).not.toThrow();
      for (const e of x.entities) {
        for (const m of e.mentions) {
          expect(normalized.slice(m.start, m.end)).toBe(m.quote);
          expect(normalized.slice(m.surfaceStart, m.surfaceEnd)).toBe(m.surface);
          expect(m.surfaceStart! >= m.start && m.surfaceEnd! <= m.end).toBe(true);
          checked++;
        }
      }
      for (const r of x.relations) {
        expect(normalized.slice(r.start, r.end)).toBe(r.quote);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });
});

describe('seed documents', () => {
  it('extraction of each seed document finds the curated firms of that document', async () => {
    for (const doc of graph.documents) {
      const x = await extractArticle(db, doc.text);
      const found = new Set(x.entities.flatMap((e) => (e.match ? [e.match] : e.matches)));
      const firms = goldOf(graph, doc.id).entities.filter((e) => e.kind === 'Firm');
      const missed = firms.filter((f) => !found.has(f.id)).map((f) => f.name);
      // Firms the text names only inside a longer name or by a brand (华为云上屯, 苹果) are the known misses.
      expect(missed.length, `${doc.id} missed ${missed.join(', ')}`).toBeLessThanOrEqual(Math.floor(firms.length * 0.2));
    }
  });
});

describe('malformed input', () => {
  const cases: [string, Uint8Array | string][] = [
    ['empty', ''],
    ['blank', ' \n\t \r\n'],
    ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52])],
    ['5 MB', new Uint8Array(5 * 1024 * 1024).fill(0x41)],
    ['invalid UTF-8', new Uint8Array([0xe8, 0xb4, 0xb5, 0xe5, 0xb7, 0x9e, 0xff, 0xfe, 0xc3, 0x28])],
  ];

  it('normalizeArticle throws one clear ArticleInputError for each', () => {
    for (const [name, input] of cases) {
      expect(() => normalizeArticle(input), name).toThrow(ArticleInputError);
      try {
        normalizeArticle(input);
      } catch (error) {
        expect((error as Error).message, name).toMatch(/^article (is empty|looks binary|too large|is not valid UTF-8)/);
        expect((error as Error).message).not.toContain('\n');
      }
    }
  });

  it('the CLI exits non-zero with one line on stderr and nothing on stdout, before reaching Neo4j', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ingest-'));
    for (const [name, input] of cases) {
      const file = path.join(dir, `${name.replace(/\W+/g, '-')}.txt`);
      writeFileSync(file, input);
      // An unreachable NEO4J_URI proves the refusal happens before any connection.
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/ingest/cli.ts', file, '--json'], { encoding: 'utf8', env: { ...process.env, NEO4J_URI: 'bolt://127.0.0.1:1' } });
      expect(run.status, name).not.toBe(0);
      expect(run.stdout, name).toBe('');
      const lines = run.stderr.trim().split('\n');
      expect(lines, `${name}: ${run.stderr}`).toHaveLength(1);
      expect(lines[0]).toMatch(/^ingest: article /);
    }
  });

  it('the extract query answers BAD_USER_INPUT for each, and for text over the size limit', async () => {
    const query = /* GraphQL */ `query ($t: String!) { extract(text: $t) { entities { name } } }`;
    for (const text of ['', '   ', 'PNG\u0000\u0000\u0000IHDR\u0000\u0000', 'A'.repeat(MAX_ARTICLE_BYTES + 1), '贵州\ud800福泉']) {
      const result = await gql(query, { t: text });
      expect(result.data, text.slice(0, 10)).toBeNull();
      expect(result.errors?.[0].extensions?.code, text.slice(0, 10)).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0].message).toMatch(/^text: article/);
    }
  });
});

describe('extract query and CLI', () => {
  it('the query returns the extraction and writes nothing', async () => {
    const before = await counts();
    const result = await gql(
      /* GraphQL */ `query ($t: String!, $d: DocumentInput) { extract(text: $t, document: $d) {
        document { title date sha256 } entities { name kind match matches mentions { quote start end } }
        relations { type from to fromId toId capacity unit status quote confidence } } }`,
      { t: article('kaiyang-lfp-simplified.txt'), d: { title: '新锂能源', date: '2025-06-18' } },
    );
    expect(result.errors).toBeUndefined();
    const x = result.data.extract;
    expect(x.document).toMatchObject({ title: '新锂能源', date: '2025-06-18' });
    expect(x.entities.find((e: any) => e.name === '开阳县')).toMatchObject({ kind: 'PLACE' });
    expect(x.relations.some((r: any) => r.type === 'PRODUCES' && r.capacity === 5)).toBe(true);
    expect(await counts()).toEqual(before);
    const bad = await gql(`{ extract(text: "贵州福泉", document: { date: "next week" }) { document { sha256 } } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'document.date' });
  });

  it('npm run -s ingest -- --json prints exactly one JSON document of the contract on stdout and writes nothing', async () => {
    const neo4j = inject('neo4j');
    const before = await counts();
    const run = spawnSync('npm', ['run', '-s', 'ingest', '--', path.join(ARTICLES, 'wengan-iron-phosphate-traditional.txt'), '--json', '--title', '福泉新项目', '--date', '2025-03-01'], {
      encoding: 'utf8',
      env: { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USERNAME: neo4j.username ?? '', NEO4J_PASSWORD: neo4j.password ?? '', NEO4J_DATABASE: neo4j.database ?? '' },
    });
    expect(run.status, run.stderr).toBe(0);
    const x = ExtractionModel.parse(JSON.parse(run.stdout));
    expect(x.document).toMatchObject({ title: '福泉新项目', date: '2025-03-01' });
    expect(x.relations.length).toBeGreaterThan(3);
    expect(run.stderr).toMatch(/nothing written/);
    expect(await counts()).toEqual(before);
  });
});

