import { Q } from '../db/queries.js';
import type { GraphDb } from '../db/graph.js';
import { allProducers, ANY_PRODUCER, chainSteps, isWithin, producerCounts, type ChainStepRow, type StepProduction } from '../services/chains.js';
import { BadInputError } from '../services/errors.js';
import { MAX_PAGE } from '../services/paging.js';
import { resolveName, resolveNames } from '../services/resolve.js';
import { evidenceOf, type EvidenceRow, type Kind, type NodeRow } from '../services/rows.js';
import { searchEntities } from '../services/search.js';
import { CsvTable, entityColumns, entityRow, EVIDENCE_COLUMNS } from './csv.js';
import { GraphmlExport, JsonLdExport, type FormatWriter } from './formats.js';
import { pump } from './pump.js';
import { toExportEntity, type ExportEntity, type ExportEvidence, type ExportRelation } from './records.js';
import type { TextSink } from './sink.js';
import { ExportSource } from './source.js';

/**
 * The explorer's downloads: one place, one chain or one search result, in one file, streamed to a
 * sink (the HTTP response). Bounded like the API: pages of MAX_PAGE rows per round trip, and at most
 * MAX_EXPORT_ROWS rows (entities + relations) per download; anything larger is refused before a
 * byte is sent and belongs to `npm run export`.
 */
export const VIEW_FORMATS = ['csv', 'graphml', 'jsonld'] as const;
export type ViewFormat = (typeof VIEW_FORMATS)[number];
export const MAX_EXPORT_ROWS = 10_000;
export const MAX_SEARCH_ROWS = 1_000;

export class ExportTooLargeError extends BadInputError {
  constructor(rows: number) {
    super('format', `this download would hold ${rows} rows, more than ${MAX_EXPORT_ROWS}; use npm run export for whole layers and large places`);
  }
}

export interface ViewExport {
  /** A file name without extension, ASCII (the Content-Disposition fallback). */
  name: string;
  /** The same name in the data's own characters. */
  displayName: string;
  write(sink: TextSink): Promise<void>;
}

const evidenceCells = (evidence: ExportEvidence[]) => {
  const lines = (pick: (e: ExportEvidence) => string | null) => evidence.map((e) => pick(e) ?? '').join('\n');
  return [String(evidence.length), lines((e) => e.doc), lines((e) => e.title), lines((e) => e.quote), lines((e) => e.note)];
};
const withTitles = (evidence: EvidenceRow[], titles: ReadonlyMap<string, string>): ExportEvidence[] =>
  evidence.map((e) => ({ ...e, title: e.doc ? (titles.get(e.doc) ?? null) : null }));
const slug = (id: string) => id.replace(/[^A-Za-z0-9]+/g, '-');

async function graphWriter(db: GraphDb, format: 'graphml' | 'jsonld', sink: TextSink, description: string): Promise<{ writer: FormatWriter; source: ExportSource }> {
  const source = await ExportSource.open(db, { layer: 'all', kinds: null, place: null });
  return { source, writer: format === 'graphml' ? new GraphmlExport(sink, source, description) : new JsonLdExport(sink, source) };
}

/** The place view's firm table as CSV; its subtree graph (places, firms, facts, one hop out) as GraphML or JSON-LD. */
export async function placeExport(db: GraphDb, args: { place: string; format: ViewFormat; includeSubareas: boolean; pageSize?: number }): Promise<ViewExport> {
  const pageSize = args.pageSize ?? MAX_PAGE;
  const place = await resolveName(db, { argument: 'place', name: args.place, kind: 'Place' });
  const core = args.includeSubareas ? (await db.read(Q.exportSubtreePlaces, { placeId: place.id })).map((r) => String(r.id)) : [place.id];
  if (args.format === 'csv') {
    const [count] = await db.read(Q.exportFirmPlacementCount, { core });
    const total = Number(count?.count ?? 0);
    if (total > MAX_EXPORT_ROWS) throw new ExportTooLargeError(total);
    return {
      name: `${slug(place.id)}-firms`,
      displayName: `${place.name}-企业`,
      async write(sink) {
        const source = await ExportSource.open(db, { layer: 'all', kinds: ['Firm'], place: null });
        const extras = source.extraKeysOf('Firm');
        const columns = [...entityColumns(extras).filter((c) => !(EVIDENCE_COLUMNS as readonly string[]).includes(c)), 'place_id', 'place_name', 'role', 'status_here', ...EVIDENCE_COLUMNS];
        const table = new CsvTable(sink, columns);
        let after = { afterFirm: '', afterPlace: '', afterRole: '' };
        for (;;) {
          const rows = await db.read(Q.exportFirmPlacementPage, { core, ...after, size: pageSize });
          await table.writeRows(
            rows.map((r) => {
              const firm = toExportEntity(r.firm, extras, source.titles);
              const own = entityRow(firm, extras).slice(0, -EVIDENCE_COLUMNS.length);
              const evidence = withTitles(evidenceOf(r.rel), source.titles);
              return [...own, r.place.id, r.place.name, String(r.rel.role ?? ''), String(r.rel.status ?? ''), ...evidenceCells(evidence)];
            }),
          );
          if (rows.length < pageSize) break;
          const last = rows[rows.length - 1];
          after = { afterFirm: last.firm.id, afterPlace: last.place.id, afterRole: String(last.rel.role ?? '') };
        }
        await table.finish();
        await sink.close();
      },
    };
  }
  const format = args.format;
  const probe = await ExportSource.open(db, { layer: 'all', kinds: null, place: place.id });
  const counts = await probe.counts();
  if (counts.entities + counts.relations > MAX_EXPORT_ROWS) throw new ExportTooLargeError(counts.entities + counts.relations);
  return {
    name: slug(place.id),
    displayName: place.name,
    async write(sink) {
      const writer = format === 'graphml' ? new GraphmlExport(sink, probe, `${place.name} (${place.id}) and what lies there`) : new JsonLdExport(sink, probe);
      await pump(probe, writer, pageSize);
      await writer.finish();
    },
  };
}

const CHAIN_COLUMNS = [
  'step', 'product_id', 'product_name', 'product_name_en', 'inputs', 'producer_id', 'producer_kind', 'producer_name', 'made_id', 'made_name',
  'place_id', 'place_name', 'capacity', 'unit', 'status', 'as_of', 'in_place', 'gap_in_place', ...EVIDENCE_COLUMNS,
];

/** A chain step with every one of its producers (an export lists them all). */
type ChainExportStep = ChainStepRow & { producers: StepProduction[] };

/** The chain view: steps in chain order with their producers (one row each; a step without any has one empty row), and the place's gaps. */
export async function chainExport(db: GraphDb, args: { from: string; to: string; place?: string | null; format: ViewFormat }): Promise<ViewExport> {
  const [from, to, place] = await resolveNames(db, [
    { argument: 'from', name: args.from, kind: 'Product' },
    { argument: 'to', name: args.to, kind: 'Product' },
    ...(args.place ? [{ argument: 'place', name: args.place, kind: 'Place' as Kind }] : []),
  ]);
  const chain = await chainSteps(db, from.id, to.id);
  const stepIds = chain.map((s) => s.product.id);
  // Counted before anything is fetched: an export too large is refused at the cost of one count.
  const counts = await producerCounts(db, stepIds, ANY_PRODUCER);
  const rows = stepIds.reduce((n, id) => n + Math.max(1, counts.get(id) ?? 0), 0);
  if (rows > MAX_EXPORT_ROWS) throw new ExportTooLargeError(rows);
  const producers = await allProducers(db, stepIds, ANY_PRODUCER);
  const steps: ChainExportStep[] = chain.map((s) => ({ ...s, producers: producers.get(s.product.id) ?? [] }));
  const within = place ? (p: StepProduction) => isWithin(p, place.id) : null;
  const name = `chain-${slug(from.id)}-${slug(to.id)}${place ? `-${slug(place.id)}` : ''}`;
  const displayName = `${from.name}→${to.name}${place ? `-${place.name}` : ''}`;
  const format = args.format;
  return {
    name,
    displayName,
    async write(sink) {
      const source = await ExportSource.open(db, { layer: 'all', kinds: null, place: null });
      if (format === 'csv') return writeChainTable(sink, steps, within, source.titles);
      const { writer } = await graphWriter(db, format, sink, `Chain ${displayName}`);
      await writer.begin();
      const graph = chainGraph(steps, source);
      await writer.entities(graph.entities);
      await writer.relations(graph.relations);
      await writer.finish();
    },
  };
}

/** The chain as one CSV table; `within` tells whether a producer is in the asked place (null: no place asked). */
async function writeChainTable(sink: TextSink, steps: ChainExportStep[], within: ((p: StepProduction) => boolean) | null, titles: ReadonlyMap<string, string>): Promise<void> {
  const table = new CsvTable(sink, CHAIN_COLUMNS);
  for (const [i, step] of steps.entries()) {
    const gap = within ? String(!step.producers.some((p) => p.status === 'operating' && within(p))) : '';
    const head = [String(i + 1), step.product.id, step.product.name, step.product.nameEn ?? '', step.inputs.map((x) => x.id).join('\n')];
    const lines = step.producers.length
      ? step.producers.map((p) => [
          ...head, p.producer.id, p.producer.kind, p.producer.name, p.product.id, p.product.name, p.place?.id ?? '', p.place?.name ?? '',
          p.capacity === null ? '' : String(p.capacity), p.unit ?? '', p.status, p.asOf ?? '', within ? String(within(p)) : '', gap,
          ...evidenceCells(withTitles(p.evidence, titles)),
        ])
      : [[...head, '', '', '', '', '', '', '', '', '', '', '', '', gap, '0', '', '', '', '']];
    await table.writeRows(lines);
  }
  await table.finish();
  await sink.close();
}

/** The chain's products and producers as entities, its INPUT_TO and PRODUCES steps as relations. */
function chainGraph(steps: ChainExportStep[], source: ExportSource): { entities: ExportEntity[]; relations: ExportRelation[] } {
  const entities = new Map<string, ExportEntity>();
  const relations: ExportRelation[] = [];
  const add = (node: NodeRow) => {
    const e = toExportEntity(node, source.extraKeysOf(node.kind), source.titles);
    entities.set(e.id, e);
    return e;
  };
  const ref = (e: ExportEntity) => ({ id: e.id, kind: e.kind, name: e.name });
  const empty = { role: null, status: null, capacity: null, unit: null, asOf: null, at: null, amount: null, amountUnit: null, label: null, note: null };
  for (const step of steps) {
    const product = add(step.product);
    for (const input of step.inputs) relations.push({ id: `INPUT_TO|${input.id}|${product.id}`, type: 'INPUT_TO', from: ref(add(input)), to: ref(product), props: empty, origin: null, extras: {}, evidence: [] });
    for (const p of step.producers) {
      const producer = add(p.producer);
      const made = add(p.product);
      relations.push({
        id: `PRODUCES|${producer.id}|${made.id}|${p.status}|${p.place?.id ?? ''}|${p.capacity ?? ''}|${p.unit ?? ''}`,
        type: 'PRODUCES',
        from: ref(producer),
        to: ref(made),
        props: { ...empty, status: p.status, capacity: p.capacity, unit: p.unit, asOf: p.asOf, at: p.place?.id ?? null },
        origin: null,
        extras: {},
        evidence: withTitles(p.evidence, source.titles),
      });
    }
  }
  return { entities: [...entities.values()], relations };
}

/** One search result (every page of it, up to MAX_SEARCH_ROWS), ranked, as a table or a graph of nodes. */
export async function searchExport(db: GraphDb, args: { text: string; kinds: Kind[] | null; format: ViewFormat }): Promise<ViewExport> {
  const first = await searchEntities(db, { text: args.text, kinds: args.kinds, first: MAX_PAGE });
  const format = args.format;
  return {
    name: 'search',
    displayName: `搜索-${args.text.slice(0, 40)}`,
    async write(sink) {
      const source = await ExportSource.open(db, { layer: 'all', kinds: null, place: null });
      const extras = [...new Set(source.scope.kinds.flatMap((k) => source.extraKeysOf(k)))].sort();
      const table = format === 'csv' ? new CsvTable(sink, ['rank', 'score', ...entityColumns(extras)]) : null;
      const graph = format === 'csv' ? null : (await graphWriter(db, format, sink, `Search: ${args.text}`)).writer;
      await graph?.begin();
      let page = first;
      let rank = 0;
      for (;;) {
        const entities = page.items.map((i) => ({ entity: toExportEntity(i.value.node, extras, source.titles), score: i.value.score }));
        if (table) await table.writeRows(entities.map((x, j) => [String(rank + j + 1), String(x.score), ...entityRow(x.entity, extras)]));
        else await graph!.entities(entities.map((x) => x.entity));
        rank += entities.length;
        if (!page.hasNextPage || rank >= MAX_SEARCH_ROWS) break;
        page = await searchEntities(db, { text: args.text, kinds: args.kinds, first: MAX_PAGE, after: page.items.at(-1)!.cursor });
      }
      if (table) {
        await table.finish();
        await sink.close();
      } else await graph!.finish();
    },
  };
}
