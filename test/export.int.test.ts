import { T } from './support/fixtures.js';
import { Q } from '../src/db/queries.js';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExport, type Manifest } from '../src/export/run.js';
import { JSONLD_CONTEXT } from '../src/export/jsonld.js';
import { loadSeed } from '../src/seed/load.js';
import { DEFAULT_SEED_DIR, readSeed } from '../src/seed/read.js';
import { RELATION_TYPES } from '../src/seed/model.js';
import { displayPinyin, toTraditional } from '../src/text/normalize.js';
import { useTestDb } from './support/harness.js';

const db = useTestDb();
const work = mkdtempSync(path.join(tmpdir(), 'gz-export-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const out = (name: string) => path.join(work, name);

// A contributed firm whose name has a comma and quotes, and a description with a control character.
const DOC = { id: 'doc:t-export', text: '据报道，贵州"测试",磷化工有限公司在福泉市建成年产5万吨磷酸铁生产线并投产。', title: '测试报道：磷酸铁项目投产' };
const QUOTE = '贵州"测试",磷化工有限公司在福泉市建成年产5万吨磷酸铁生产线并投产';
const FIRM = {
  id: 'firm:t-export-comma',
  name: '贵州"测试",磷化工有限公司',
  curated: ['测试磷化'],
  description: 'line one\nline two \u0001 with a control character & <markup>',
};
const aliasesOf = (name: string, curated: string[]) => {
  const all = [name, ...curated];
  return [...new Set([...curated, ...all.map(toTraditional), ...all.filter((n) => n.length <= 6).map(displayPinyin)])].filter((a) => a !== name);
};
const ev = (quote: string) => ({ evDocs: [DOC.id], evQuotes: [quote], evNotes: [''] });

async function createContributions() {
  await db.write(T.exportFixtureDocument, { id: DOC.id, props: { title: DOC.title, text: DOC.text, date: '2026-01-15', publisher: '测试日报', script: 'simplified', origin: 'contrib' } });
  await db.write(T.exportFixtureEntity, {
    id: FIRM.id,
    kind: 'Firm',
    props: {
      kind: 'Firm',
      name: FIRM.name,
      nameEn: 'Test, "Quoted" Phosphorus Chemicals',
      aliases: aliasesOf(FIRM.name, FIRM.curated),
      description: FIRM.description,
      descriptionZh: '第一行\n第二行：中文描述 & <标记>',
      factsJson: JSON.stringify([{ label: '磷酸铁产能', labelZh: '磷酸铁产能', measure: 'capacity', amount: 5, unit: '万吨/年', period: null, status: 'operating', evidence: { doc: DOC.id, quote: QUOTE, note: null } }]),
      primaryKeys: [],
      searchKeys: [],
      searchText: '',
      reviewedBy: 'export-test',
      origin: 'contrib',
      ...ev(QUOTE),
    },
  });
  const rel = (type: string, from: string, to: string, props: Record<string, unknown>) =>
    db.write(T.exportFixtureRelation, { type, from, to, props: { ...props, ...ev(QUOTE), origin: 'contrib', reviewedBy: 'export-test' } });
  await rel('LOCATED_IN', FIRM.id, 'place:fuquan', { role: 'plant' });
  await rel('PRODUCES', FIRM.id, 'product:iron-phosphate', { capacity: 5, unit: '万吨/年', status: 'operating', asOf: '2026', at: 'place:fuquan' });
  // A contributed fact between two seeded entities.
  await rel('SUPPLIES', FIRM.id, 'firm:chuanheng', { note: '供应磷酸铁' });
}
const removeContributions = () => db.write(T.exportFixtureRemove, { ids: [FIRM.id, DOC.id] });

async function graphCounts() {
  const [row] = await db.read(Q.graphCountsByKind, {});
  const nodes = Object.fromEntries((row.nodeRows as { key: string; count: number }[]).map((r) => [r.key, Number(r.count)]));
  const relations = Object.fromEntries((row.relRows as { key: string; count: number }[]).map((r) => [r.key, Number(r.count)]));
  return { nodes, relations };
}
const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const readCsv = (file: string): Record<string, string>[] => parseCsv(readFileSync(file), { bom: true, columns: true });

beforeAll(async () => {
  await removeContributions();
  await createContributions();
});
afterAll(removeContributions);

describe('npm run export: CSV', () => {
  let manifest: Manifest;
  beforeAll(async () => {
    manifest = await runExport(db, { format: 'csv', out: out('csv'), pageSize: 97 });
  });

  it('writes one file per kind and relation type whose rows equal the graph counts, and a manifest saying so', async () => {
    const counts = await graphCounts();
    const files = readdirSync(out('csv'));
    for (const [kind, count] of Object.entries(counts.nodes)) {
      expect(readCsv(path.join(out('csv'), `${kind}.csv`)).length, kind).toBe(count);
      expect(manifest.counts.entities[kind], kind).toBe(count);
    }
    for (const type of RELATION_TYPES) {
      expect(files, type).toContain(`${type}.csv`);
      expect(readCsv(path.join(out('csv'), `${type}.csv`)).length, type).toBe(counts.relations[type] ?? 0);
    }
    expect(manifest.counts.entitiesTotal).toBe(sum(counts.nodes));
    expect(manifest.counts.relationsTotal).toBe(sum(counts.relations));
    expect(manifest.expected).toEqual({ entities: sum(counts.nodes), relations: sum(counts.relations) });
    const onDisk = JSON.parse(readFileSync(path.join(out('csv'), 'manifest.json'), 'utf8'));
    expect(onDisk.counts).toEqual(manifest.counts);
    expect(onDisk.version.gitCommit).toMatch(/^[0-9a-f]{40}$/);
    expect(onDisk.files.find((f: { file: string }) => f.file === 'Firm.csv').rows).toBe(counts.nodes.Firm);
  });

  it('starts with a BOM, quotes by RFC 4180, and the comma-and-quote name parses back to the same row', () => {
    const raw = readFileSync(path.join(out('csv'), 'Firm.csv'));
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(raw.toString('utf8')).toContain('"贵州""测试"",磷化工有限公司"');
    expect(raw.toString('utf8')).toContain('\r\n');
    const row = readCsv(path.join(out('csv'), 'Firm.csv')).find((r) => r.id === FIRM.id)!;
    expect(row.name).toBe(FIRM.name);
    expect(row.name_traditional).toBe(toTraditional(FIRM.name));
    expect(row.name_en).toBe('Test, "Quoted" Phosphorus Chemicals');
    expect(row.description).toBe(FIRM.description);
    expect(row.aliases.split('\n')).toEqual(aliasesOf(FIRM.name, FIRM.curated));
    expect(row.origin).toBe('contrib');
    expect(row.reviewedBy).toBe('export-test');
    expect(row.evidence_doc_id).toBe(DOC.id);
    expect(row.evidence_doc_title).toBe(DOC.title);
    expect(row.evidence_quote).toBe(QUOTE);
    expect(JSON.parse(row.facts)[0].amount).toBe(5);
  });

  it('relation rows carry ids that join the entity files, their properties and evidence; evidence.csv holds every item', async () => {
    const firms = new Set(readCsv(path.join(out('csv'), 'Firm.csv')).map((r) => r.id));
    const places = new Set(readCsv(path.join(out('csv'), 'Place.csv')).map((r) => r.id));
    const located = readCsv(path.join(out('csv'), 'LOCATED_IN.csv'));
    for (const r of located.filter((r) => r.from_kind === 'Firm')) {
      expect(firms.has(r.from_id), r.from_id).toBe(true);
      expect(places.has(r.to_id), r.to_id).toBe(true);
    }
    const produces = readCsv(path.join(out('csv'), 'PRODUCES.csv')).find((r) => r.from_id === FIRM.id)!;
    expect(produces).toMatchObject({ to_id: 'product:iron-phosphate', capacity: '5', unit: '万吨/年', status: 'operating', as_of: '2026', at: 'place:fuquan', evidence_quote: QUOTE, evidence_doc_title: DOC.title });
    const evidence = readCsv(path.join(out('csv'), 'evidence.csv'));
    const [row] = await db.read(T.exportTestEvidenceCount, {});
    expect(evidence.length).toBe(Number(row.count));
    expect(evidence.filter((e) => e.subject_id === FIRM.id)).toEqual([{ subject_id: FIRM.id, subject: 'Firm', position: '1', doc_id: DOC.id, doc_title: DOC.title, quote: QUOTE, note: '' }]);
    const docs = readCsv(path.join(out('csv'), 'documents.csv'));
    expect(docs.map((d) => d.id)).toContain('doc:000');
    expect(docs.find((d) => d.id === DOC.id)).toMatchObject({ title: DOC.title, origin: 'contrib' });
    expect(Object.keys(docs[0])).not.toContain('text');
  });

  it('refuses a folder that is not empty, writing nothing', async () => {
    const before = readdirSync(out('csv')).sort();
    await expect(runExport(db, { format: 'csv', out: out('csv') })).rejects.toThrow(/not empty/);
    expect(readdirSync(out('csv')).sort()).toEqual(before);
    expect(readdirSync(work).filter((f) => f.includes('.partial-'))).toEqual([]);
  });
});

describe('npm run export: GraphML', () => {
  it('is read back by a GraphML parser with the same nodes, edges and attributes', async () => {
    const manifest = await runExport(db, { format: 'graphml', out: out('graphml'), pageSize: 250 });
    const counts = await graphCounts();
    const text = readFileSync(path.join(out('graphml'), 'graph.graphml'), 'utf8');
    const graph = parseGraphml(MultiDirectedGraph, text, { addMissingNodes: false });
    expect(graph.order).toBe(sum(counts.nodes));
    expect(graph.size).toBe(sum(counts.relations));
    expect(manifest.counts.entitiesTotal).toBe(graph.order);
    expect(text).toMatch(/<key id="n_kind" for="node" attr.name="kind" attr.type="string"\/>/);
    expect(text).toMatch(/<key id="e_capacity" for="edge" attr.name="capacity" attr.type="double"\/>/);
    const firm = graph.getNodeAttributes(FIRM.id);
    expect(firm).toMatchObject({ kind: 'Firm', label: FIRM.name, name: FIRM.name, name_traditional: toTraditional(FIRM.name), evidence_count: 1 });
    // XML cannot hold U+0001 at all: it becomes U+FFFD; newlines and markup survive.
    expect(firm.description).toBe(FIRM.description.replace('\u0001', '\uFFFD'));
    const edge = graph.findEdge(FIRM.id, 'product:iron-phosphate', () => true)!;
    expect(graph.getEdgeAttributes(edge)).toMatchObject({ type: 'PRODUCES', label: 'PRODUCES', capacity: 5, unit: '万吨/年', status: 'operating' });
    const [row] = await db.read(T.exportTestEdgeCount, { from: 'place:fuquan', type: 'WITHIN' });
    expect(graph.outEdges('place:fuquan').filter((e) => graph.getEdgeAttribute(e, 'type') === 'WITHIN').length).toBe(Number(row.count));
  });
});

describe('npm run export: JSON-LD', () => {
  const IRI = (compact: string) => {
    const [prefix, rest] = [compact.slice(0, compact.indexOf(':')), compact.slice(compact.indexOf(':') + 1)];
    const base = JSONLD_CONTEXT['@context'][prefix];
    return typeof base === 'string' ? base + rest : compact;
  };
  const SCHEMA = 'https://schema.org/';
  const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

  it('expands to the expected triples and round-trips through the jsonld processor to the same triples', async () => {
    const manifest = await runExport(db, { format: 'jsonld', out: out('jsonld'), place: '福泉', pageSize: 50 });
    const doc = JSON.parse(readFileSync(path.join(out('jsonld'), 'graph.jsonld'), 'utf8'));
    const nquads = (await jsonld.toRDF(doc, { format: 'application/n-quads' })) as unknown as string;
    const triples = new Set(nquads.split('\n').filter(Boolean));
    const firm = `<${IRI(FIRM.id)}>`;
    expect(triples).toContain(`${firm} <${RDF}type> <${SCHEMA}Organization> .`);
    expect(triples).toContain(`${firm} <${SCHEMA}name> ${JSON.stringify(FIRM.name)}@zh-hans .`);
    expect(triples).toContain(`${firm} <${SCHEMA}location> <${IRI('place:fuquan')}> .`);
    expect(triples).toContain(`${firm} <http://www.wikidata.org/prop/direct/P1056> <${IRI('product:iron-phosphate')}> .`);
    expect(triples).toContain(`<${IRI('place:fuquan')}> <${SCHEMA}containedInPlace> <${IRI('place:qiannan')}> .`);
    // Every exported entity is typed once by its kind; every relation is one rdf:Statement with its evidence.
    const typed = [...triples].filter((t) => t.includes(`<urn:guizhou-industry-graph:vocab:kind>`));
    expect(typed.length).toBe(manifest.counts.entitiesTotal);
    const statements = [...triples].filter((t) => t.endsWith(`<${RDF}type> <${RDF}Statement> .`));
    expect(statements.length).toBe(manifest.counts.relationsTotal);
    expect([...triples].some((t) => t.includes('<http://www.w3.org/ns/prov#value>') && t.includes(JSON.stringify(QUOTE).slice(1, -1)))).toBe(true);
    expect(triples).toContain(`<${IRI(DOC.id)}> <${SCHEMA}name> ${JSON.stringify(DOC.title)} .`);

    const compacted = await jsonld.compact(await jsonld.expand(doc), JSONLD_CONTEXT['@context'] as never);
    const again = (await jsonld.toRDF(compacted, { format: 'application/n-quads' })) as unknown as string;
    expect(new Set(again.split('\n').filter(Boolean))).toEqual(triples);
  });
});

describe('npm run export --place', () => {
  it('exports the place, its sub-areas, what is located there and one hop out, resolving the name in any script', async () => {
    const manifest = await runExport(db, { format: 'csv', out: out('place'), place: 'fúquán' });
    expect(manifest.place).toMatchObject({ id: 'place:fuquan', name: '福泉市' });
    const places = readCsv(path.join(out('place'), 'Place.csv')).map((r) => r.id);
    const subtree = (await db.read(Q.exportSubtreePlaces, { placeId: 'place:fuquan' })).map((r) => String(r.id));
    expect(subtree.length).toBeGreaterThan(1);
    for (const id of subtree) expect(places).toContain(id);
    expect(places).toContain('place:qiannan');
    expect(places).not.toContain('place:zunyi');
    const firms = readCsv(path.join(out('place'), 'Firm.csv')).map((r) => r.id);
    const located = (await db.read(T.exportTestFirmsIn, { core: subtree })).map((r) => String(r.id));
    for (const id of located) expect(firms).toContain(id);
    expect(firms).toContain(FIRM.id);
    expect(manifest.counts.entitiesTotal).toBe(manifest.expected.entities);
    expect(manifest.counts.relationsTotal).toBe(manifest.expected.relations);
    // Every relation has an end in the core (the subtree and what is located there).
    const core = new Set([...subtree, ...located]);
    for (const type of ['LOCATED_IN', 'PRODUCES', 'WITHIN']) {
      for (const r of readCsv(path.join(out('place'), `${type}.csv`))) expect(core.has(r.from_id) || core.has(r.to_id), `${type} ${r.id}`).toBe(true);
    }
  });

  it('an unknown place is refused with suggestions and nothing is written', async () => {
    await expect(runExport(db, { format: 'csv', out: out('nowhere'), place: '福泉县城南不存在' })).rejects.toThrow();
    expect(readdirSync(work).filter((f) => f.startsWith('nowhere'))).toEqual([]);
  });
});

describe('npm run export --format seed --layer contrib → npm run seed --check → load', () => {
  afterAll(async () => {
    // Put the shared test graph back as every other test file expects it.
    await loadSeed(db, readSeed(), { reset: true });
  });

  it('writes the contributed layer that the seed validator accepts and that loads back to the same records', async () => {
    const manifest = await runExport(db, { format: 'seed', layer: 'contrib', out: out('seed') });
    expect(manifest.counts.entitiesTotal).toBe(1);
    expect(manifest.counts.relationsTotal).toBe(3);
    expect(manifest.notes.join('\n')).toMatch(/reviewedBy/);
    // npm run seed -- --check DIR
    const checked = readSeed(out('seed'));
    expect(checked.entities.find((e) => e.id === FIRM.id)?.name).toBe(FIRM.name);
    expect(checked.relations.filter((r) => r.from === FIRM.id).length).toBe(3);

    const { nodes: [before], relations: relsBefore } = await contribState();
    // Into a clean state: seed/ plus the exported layer, as a pull request would add it.
    const merged = out('merged');
    cpSync(DEFAULT_SEED_DIR, merged, { recursive: true });
    cpSync(path.join(out('seed'), 'data', 'contrib.yaml'), path.join(merged, 'data', 'contrib.yaml'));
    const index = readFileSync(path.join(merged, 'sources', 'index.yaml'), 'utf8');
    const exportedIndex = readFileSync(path.join(out('seed'), 'sources', 'index.yaml'), 'utf8').replace(/^documents:\n/, '');
    writeFileSync(path.join(merged, 'sources', 'index.yaml'), index.trimEnd() + '\n' + exportedIndex);
    for (const f of readdirSync(path.join(out('seed'), 'sources')).filter((f) => f.endsWith('.txt'))) {
      cpSync(path.join(out('seed'), 'sources', f), path.join(merged, 'sources', f));
    }
    // A reset keeps the contributed layer, so the records the export came from are removed first.
    await db.write(T.fixtureRemoveContrib, {});
    await loadSeed(db, readSeed(merged), { reset: true });
    const { nodes: [after], relations: relsAfter } = await contribState();

    const comparable = (n: Record<string, unknown>) => ({
      ...pick(n, ['id', 'kind', 'name', 'nameEn', 'description', 'factsJson', 'evDocs', 'evQuotes', 'evNotes']),
      aliases: [...(n.aliases as string[])].sort(),
    });
    expect(comparable(after)).toEqual(comparable(before));
    const rel = (r: { type: string; from: string; to: string; props: Record<string, unknown> }) =>
      JSON.stringify([r.type, r.from, r.to, pick(r.props, ['role', 'status', 'capacity', 'unit', 'asOf', 'at', 'note', 'evDocs', 'evQuotes', 'evNotes'])]);
    expect(relsAfter.map(rel).sort()).toEqual(relsBefore.map(rel).sort());
  });

  async function contribState() {
    const [row] = await db.read(T.exportFixtureContribState, { ids: [FIRM.id] });
    return row as { nodes: Record<string, unknown>[]; relations: { type: string; from: string; to: string; props: Record<string, unknown> }[] };
  }
  function pick(o: Record<string, unknown>, keys: string[]) {
    return Object.fromEntries(keys.map((k) => [k, o[k] ?? null]));
  }
});

