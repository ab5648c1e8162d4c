import { Q } from '../db/queries.js';
import type { GraphDb } from '../db/graph.js';
import { ENTITY_KINDS } from '../seed/model.js';
import { resolveName } from '../services/resolve.js';
import {
  documentKeys,
  entityExtraKeys,
  relationExtraKeys,
  toExportEntity,
  toExportRelation,
  type ExportEntity,
  type ExportRelation,
} from './records.js';

export type Kind = (typeof ENTITY_KINDS)[number];
export const LAYERS = ['all', 'seed', 'contrib'] as const;
export type Layer = (typeof LAYERS)[number];

/** Rows per round trip: large enough to keep Neo4j busy, small enough that memory stays flat. */
export const DEFAULT_PAGE_SIZE = 1000;

export interface ScopeOptions {
  layer: Layer;
  kinds: Kind[] | null;
  /** A place name in any script or an id; the export is then that place's subtree. */
  place: string | null;
}

export interface ResolvedScope {
  layer: Layer;
  kinds: Kind[];
  place: { id: string; name: string } | null;
  /** Ids of the place and its sub-areas, or null for the whole graph. */
  core: string[] | null;
}

export interface DocumentRow {
  props: Record<string, unknown>;
  hasText: boolean;
}

/**
 * The property keys of the whole graph cost one scan; downloads of one place or chain reuse them for
 * a minute (a key added meanwhile shows up in the next minute's downloads).
 */
const KEYS_TTL_MS = 60_000;
const KEYS_PAGE = 5000;
interface GraphKeys {
  node: Map<string, Set<string>>;
  relation: Map<string, Set<string>>;
}
const keyCache = new WeakMap<GraphDb, { at: number; keys: Promise<GraphKeys> }>();

async function scanKeys(db: GraphDb): Promise<GraphKeys> {
  const keys: GraphKeys = { node: new Map(), relation: new Map() };
  const add = (map: Map<string, Set<string>>, pairs: [string, string][]) => {
    for (const [name, key] of pairs) map.set(name, (map.get(name) ?? new Set()).add(key));
  };
  let after = '';
  for (;;) {
    const [row] = await db.read(Q.exportPropertyKeysPage, { after, size: KEYS_PAGE });
    add(keys.node, row?.nodeKeys ?? []);
    add(keys.relation, row?.relationKeys ?? []);
    if (!row || row.count < KEYS_PAGE || row.last === null) return keys;
    after = row.last;
  }
}

function propertyKeys(db: GraphDb): Promise<GraphKeys> {
  const cached = keyCache.get(db);
  if (cached && Date.now() - cached.at < KEYS_TTL_MS) return cached.keys;
  const keys = scanKeys(db);
  keyCache.set(db, { at: Date.now(), keys });
  keys.catch(() => keyCache.delete(db));
  return keys;
}

/**
 * The graph as the exporter reads it: the scope resolved once, the column set of the whole graph,
 * the documents (few), and entities and relations as async pages read by keyset on Entity.id.
 */
export class ExportSource {
  private constructor(
    private readonly db: GraphDb,
    readonly scope: ResolvedScope,
    readonly entityKeys: ReadonlyMap<string, string[]>,
    readonly relationKeys: ReadonlyMap<string, string[]>,
    readonly documentColumns: string[],
    readonly documents: ReadonlyMap<string, DocumentRow>,
    readonly titles: ReadonlyMap<string, string>,
  ) {}

  static async open(db: GraphDb, options: ScopeOptions): Promise<ExportSource> {
    let place: ResolvedScope['place'] = null;
    let core: string[] | null = null;
    if (options.place) {
      // The same resolution as the API: any script, ids, unique partial names; NOT_FOUND/AMBIGUOUS otherwise.
      const node = await resolveName(db, { argument: 'place', name: options.place, kind: 'Place' });
      place = { id: node.id, name: node.name };
      core = (await db.read(Q.exportSubtreePlaces, { placeId: node.id })).map((r) => r.id);
    }
    const scope: ResolvedScope = { layer: options.layer, kinds: options.kinds?.length ? options.kinds : [...ENTITY_KINDS], place, core };

    const entityKeys = new Map<string, string[]>();
    const relationKeys = new Map<string, string[]>();
    const keys = await propertyKeys(db);
    for (const [kind, set] of keys.node) entityKeys.set(kind, entityExtraKeys(set));
    for (const [type, set] of keys.relation) relationKeys.set(type, relationExtraKeys(set));
    const documents = new Map<string, DocumentRow>();
    const titles = new Map<string, string>();
    for (const row of await db.read(Q.exportDocuments, {})) {
      const { text: _text, ...props } = row.document;
      const id = String(props.id);
      documents.set(id, { props, hasText: row.hasText });
      if (typeof props.title === 'string') titles.set(id, props.title);
    }
    const docKeys = new Set([...documents.values()].flatMap((d) => Object.keys(d.props)));
    return new ExportSource(db, scope, entityKeys, relationKeys, documentKeys(docKeys), documents, titles);
  }

  private params(): { layer: Exclude<Layer, 'all'> | null; kinds: Kind[] | null; core: string[] | null } {
    const { layer, kinds, core } = this.scope;
    return {
      layer: layer === 'all' ? null : layer,
      kinds: kinds.length === ENTITY_KINDS.length ? null : kinds,
      core,
    };
  }

  /** Extra (non-standard) property keys of a kind, sorted; the same for every page and scope. */
  extraKeysOf(kind: string): string[] {
    return this.entityKeys.get(kind) ?? [];
  }
  relationExtraKeysOf(type: string): string[] {
    return this.relationKeys.get(type) ?? [];
  }

  async counts(): Promise<{ entities: number; relations: number }> {
    const [[e], [r]] = await Promise.all([this.db.read(Q.exportEntityCount, this.params()), this.db.read(Q.exportRelationCount, this.params())]);
    return { entities: e?.count ?? 0, relations: r?.count ?? 0 };
  }

  async *entities(pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<ExportEntity[]> {
    let after = '';
    for (;;) {
      const rows = await this.db.read(Q.exportEntityPage, { ...this.params(), after, size: pageSize });
      if (!rows.length) return;
      const page = rows.map((r) => toExportEntity(r.node, this.extraKeysOf(r.node.kind), this.titles));
      after = page[page.length - 1].id;
      yield page;
      if (rows.length < pageSize) return;
    }
  }

  /** Pages of relations, read by pages of start entities; a page may be empty while the cursor moves on. */
  async *relations(pageSize = DEFAULT_PAGE_SIZE): AsyncGenerator<ExportRelation[]> {
    let after = '';
    for (;;) {
      const rows = await this.db.read(Q.exportRelationPage, { ...this.params(), after, size: pageSize });
      if (!rows.length) return;
      const page: ExportRelation[] = [];
      for (const row of rows) {
        for (const rel of row.relations) page.push(toExportRelation(row.from, rel, this.relationExtraKeysOf(rel.type), this.titles));
        after = row.from.id;
      }
      yield page;
      if (rows.length < pageSize) return;
    }
  }

  /** The full texts of documents stored in the graph (contributed documents). */
  async documentTexts(ids: string[]): Promise<Map<string, string>> {
    const rows = ids.length ? await this.db.read(Q.documentTexts, { ids }) : [];
    return new Map(rows.flatMap((r) => (r.text === null ? [] : [[r.id, r.text] as const])));
  }
}
