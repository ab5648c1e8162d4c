import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { placementsAsk, selected } from '../selection.js';
import { checkFirst, connectionOf } from '../../services/paging.js';
import { checkListFirst, checkRelationFilter, decodeRelationCursor, type RelationFilter } from '../../services/relations.js';
import type { Resolvers } from '../generated/resolvers.js';
import type { RelationOfEntity } from '../loaders.js';
import { kindToEnum, placeKindToEnum } from '../kinds.js';
import { relationDescription, relationTerm, type Lang } from '../../domain/vocabulary.js';
import { evidenceOf, num, productionSite, propertiesOf, productionStatus, str, type EdgeRow, type EvidenceRow, type Kind, type NodeRow, type ProductionRow } from '../../services/rows.js';

const langOf = (value: string | undefined): Lang => (value === 'EN' ? 'en' : 'zh');
const measureEnum = (measure: string | null | undefined): 'CAPACITY' | 'OUTPUT' | null => (measure === 'capacity' ? 'CAPACITY' : measure === 'output' ? 'OUTPUT' : null);

type Direction = 'in' | 'out';

async function relationsOf(ctx: Context, node: NodeRow, direction: Direction | null, types: string[], kinds?: Kind[]): Promise<RelationOfEntity[]> {
  const detail = await ctx.loaders.details.load(node.id);
  return (detail?.relations ?? []).filter(
    (r) => (direction === null || r.direction === direction) && types.includes(r.type) && (!kinds || kinds.includes(r.other.kind)),
  );
}

const others = async (ctx: Context, node: NodeRow, direction: Direction, types: string[], kinds?: Kind[]) =>
  uniqueNodes((await relationsOf(ctx, node, direction, types, kinds)).map((r) => r.other));

/** A place's ancestors (nearest first) or children, with what the field's selection reads. */
const placeTree = (ctx: Context, place: NodeRow, part: 'ancestors' | 'children', info: GraphQLResolveInfo) =>
  ctx.loaders.placeTree.load({ key: { id: place.id, part }, select: propertiesOf(selected(info)) });

/** An edge's end that must exist (edges are read with their ends; a missing one is a broken graph). */
async function existing(ctx: Context, id: string): Promise<NodeRow> {
  const node = await ctx.loaders.nodes.load(id);
  if (!node) throw new Error(`entity ${id} is referenced by an edge but does not exist`);
  return node;
}

function uniqueNodes(nodes: NodeRow[]): NodeRow[] {
  const seen = new Map<string, NodeRow>();
  for (const n of nodes) if (!seen.has(n.id)) seen.set(n.id, n);
  return [...seen.values()];
}

export interface FactRow {
  label: string;
  labelZh: string;
  measure: string | null;
  amount: number;
  unit: string;
  period: string | null;
  status: string;
  evidence: EvidenceRow;
}
const factsOf = (node: NodeRow): FactRow[] => (node.factsJson ? (JSON.parse(node.factsJson) as FactRow[]) : []);

function moneyFact(node: NodeRow, pattern: RegExp) {
  const fact = factsOf(node).find((f) => pattern.test(f.label) && /元/.test(f.unit));
  return fact ? { amount: fact.amount, unit: fact.unit } : null;
}

/** A firm's place for a production: the stated `at`, else its production base, else any location. */
async function productionPlace(ctx: Context, producer: NodeRow, rel: Record<string, unknown>): Promise<NodeRow | null> {
  if (typeof rel.at === 'string') {
    // Usually the stated site is one of the producer's own places, already read with its relations.
    const own = (await relationsOf(ctx, producer, 'out', ['LOCATED_IN'], ['Place'])).find((l) => l.other.id === rel.at);
    return own?.other ?? ctx.loaders.nodes.load(rel.at);
  }
  if (producer.kind === 'Place') return producer;
  if (rel.siteNotStated === true) return null;
  const located = await relationsOf(ctx, producer, 'out', ['LOCATED_IN'], ['Place']);
  return productionSite(located.map((l) => ({ role: str(l.props.role), place: l.other })));
}

function production(producer: NodeRow, product: NodeRow, rel: Record<string, unknown>, place: NodeRow | null): ProductionRow {
  return {
    producer,
    product,
    place,
    capacity: num(rel.capacity),
    unit: str(rel.unit),
    status: productionStatus(rel, producer),
    asOf: str(rel.asOf),
    evidence: evidenceOf(rel),
    rel,
  };
}

/** What a firm or project produces, each with where. */
async function productionsOf(ctx: Context, producer: NodeRow): Promise<ProductionRow[]> {
  const made = await relationsOf(ctx, producer, 'out', ['PRODUCES']);
  return Promise.all(made.map(async (r) => production(producer, r.other, r.props, await productionPlace(ctx, producer, r.props))));
}

const toEdge = (owner: NodeRow, r: RelationOfEntity): EdgeRow =>
  r.direction === 'out'
    ? { type: r.type, from: owner.id, to: r.other.id, props: r.props, fromNode: owner, toNode: r.other }
    : { type: r.type, from: r.other.id, to: owner.id, props: r.props, fromNode: r.other, toNode: owner };

const entityFields = {
  kind: (n: NodeRow) => kindToEnum(n.kind),
  aliases: (n: NodeRow) => n.aliases ?? [],
  sources: (n: NodeRow) => evidenceOf(n),
  descriptionZh: (n: NodeRow) => n.descriptionZh ?? null,
  facts: (n: NodeRow) => factsOf(n),
  // Their own loaders, narrowed to what the selection reads of the edges and their ends (src/graphql/selection.ts).
  relations: async (n: NodeRow, args: RelationArgs, ctx: Context, info: GraphQLResolveInfo) => {
    checkListFirst(args.first);
    const filter = relationFilter(args);
    return (await ctx.loaders.relations({ first: args.first, filter, select: propertiesOf(selected(info)) }).load(n.id)).map((r) => toEdge(n, r));
  },
  relationsConnection: async (n: NodeRow, args: RelationArgs & { after?: string | null }, ctx: Context, info: GraphQLResolveInfo) => {
    checkFirst(args.first);
    const filter = relationFilter(args);
    const after = args.after ?? null;
    decodeRelationCursor(after); // a bad cursor is refused before any Cypher runs
    const page = await ctx.loaders.relationPage({ first: args.first, after, filter, select: propertiesOf(selected(info)) }).load(n.id);
    return connectionOf(page, (r) => ({ node: toEdge(n, r) }));
  },
};

interface RelationArgs {
  first: number;
  types?: string[] | null;
  direction?: 'IN' | 'OUT' | null;
}

function relationFilter(args: RelationArgs): RelationFilter {
  const filter: RelationFilter = { types: args.types ? [...new Set(args.types)].sort() : null, direction: args.direction === 'IN' ? 'in' : args.direction === 'OUT' ? 'out' : null };
  checkRelationFilter(filter);
  return filter;
}

/** Every type's field resolvers; typed from the SDL, so a field the schema adds or changes must be followed here. */
export const typeResolvers: Omit<Resolvers, 'Query'> = {
  Entity: { __resolveType: (n: NodeRow) => n.kind },
  Evidence: {
    document: (e: EvidenceRow, _: unknown, ctx: Context) => (e.doc ? ctx.loaders.documents.load(e.doc) : null),
  },
  Fact: { source: (f: FactRow) => f.evidence, measure: (f: FactRow) => measureEnum(f.measure) },
  Edge: {
    fromEntity: (e: EdgeRow, _: unknown, ctx: Context) => e.fromNode ?? existing(ctx, e.from),
    toEntity: (e: EdgeRow, _: unknown, ctx: Context) => e.toNode ?? existing(ctx, e.to),
    role: (e: EdgeRow) => str(e.props.role),
    status: (e: EdgeRow) => str(e.props.status),
    capacity: (e: EdgeRow) => num(e.props.capacity),
    unit: (e: EdgeRow) => str(e.props.unit),
    amount: (e: EdgeRow) => num(e.props.amount),
    amountUnit: (e: EdgeRow) => str(e.props.amountUnit),
    label: (e: EdgeRow) => str(e.props.label),
    labelZh: (e: EdgeRow) => str(e.props.labelZh),
    output: (e: EdgeRow) => num(e.props.output),
    asOf: (e: EdgeRow) => str(e.props.asOf),
    joint: (e: EdgeRow, _: unknown, ctx: Context) => (typeof e.props.joint === 'string' ? ctx.loaders.nodes.load(e.props.joint) : null),
    siteNotStated: (e: EdgeRow) => e.props.siteNotStated === true,
    typeLabel: (e: EdgeRow, args: { lang?: string }) => relationTerm(e.type, langOf(args.lang)),
    typeDescription: (e: EdgeRow, args: { lang?: string }) => relationDescription(e.type, langOf(args.lang)),
    sources: (e: EdgeRow) => evidenceOf(e.props),
  },
  Production: {
    firm: (p: ProductionRow) => (p.producer.kind === 'Firm' ? p.producer : null),
    producer: (p: ProductionRow) => p.producer,
    output: (p: ProductionRow) => num(p.rel?.output),
    measure: (p: ProductionRow) => (p.capacity !== null ? 'CAPACITY' : num(p.rel?.output) !== null ? 'OUTPUT' : null),
    siteNotStated: (p: ProductionRow) => p.rel?.siteNotStated === true,
    sources: (p: ProductionRow) => p.evidence,
  },
  FirmPlacement: { sources: (p: { evidence: EvidenceRow[] }) => p.evidence },
  ProjectInvolvement: { sources: (p: { evidence: EvidenceRow[] }) => p.evidence },
  PlaceIndustry: { sources: (p: { evidence: EvidenceRow[] }) => p.evidence },
  PolicyRelevance: { sources: (p: { evidence: EvidenceRow[] }) => p.evidence },

  Firm: {
    ...entityFields,
    // Its own light loader (places and the relation's role, status, evidence), not the firm's details.
    // The places' ancestors come in the same trip when they are read (FirmPlacement.place.ancestors).
    placements: async (n: NodeRow, _: unknown, ctx: Context, info: GraphQLResolveInfo) =>
      (await ctx.loaders.placements.load({ key: n.id, ...placementsAsk(info) })).map((p) => ({ firm: n, ...p })),
    products: (n: NodeRow, _: unknown, ctx: Context) => productionsOf(ctx, n),
    projects: async (n: NodeRow, _: unknown, ctx: Context) =>
      (await relationsOf(ctx, n, 'out', ['INVESTS_IN', 'OPERATES'], ['Project'])).map((r) => involvement(r.other, n, r)),
    industries: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'out', ['IN_INDUSTRY']),
    customers: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'out', ['SUPPLIES']),
    suppliers: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'in', ['SUPPLIES'], ['Firm']),
  },
  Place: {
    ...entityFields,
    placeKind: (n: NodeRow) => placeKindToEnum(n.placeKind),
    code: (n: NodeRow) => n.code ?? null,
    // Their own light loader (ancestors and children only), not the place's details (every relation).
    parent: async (n: NodeRow, _: unknown, ctx: Context, info: GraphQLResolveInfo) => (await placeTree(ctx, n, 'ancestors', info))[0] ?? null,
    ancestors: (n: NodeRow, _: unknown, ctx: Context, info: GraphQLResolveInfo) => placeTree(ctx, n, 'ancestors', info),
    children: (n: NodeRow, _: unknown, ctx: Context, info: GraphQLResolveInfo) => placeTree(ctx, n, 'children', info),
    industries: async (n: NodeRow, _: unknown, ctx: Context) =>
      (await relationsOf(ctx, n, 'out', ['DEVELOPS'])).map((r) => ({ industry: r.other, role: str(r.props.role), status: str(r.props.status), evidence: r.evidence })),
    bases: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'out', ['SERVES_BASE']),
  },
  Policy: {
    ...entityFields,
    concerns: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'out', ['CONCERNS']),
    issuedBy: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'out', ['ISSUED_BY']),
  },
  IndustrialBase: {
    ...entityFields,
    sixBases: (n: NodeRow) => n.sixBases === true,
    places: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'in', ['SERVES_BASE'], ['Place']),
    industries: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'in', ['SERVES_BASE'], ['Industry']),
    firms: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'in', ['SERVES_BASE'], ['Firm']),
    projects: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'in', ['SERVES_BASE'], ['Project']),
    products: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'in', ['SERVES_BASE'], ['Product']),
  },
  Project: {
    ...entityFields,
    place: async (n: NodeRow, _: unknown, ctx: Context) => (await relationsOf(ctx, n, 'out', ['LOCATED_IN'], ['Place']))[0]?.other ?? null,
    investment: (n: NodeRow) => moneyFact(n, /invest/i),
    annualOutput: (n: NodeRow) => moneyFact(n, /output|revenue|sales/i),
    participants: async (n: NodeRow, _: unknown, ctx: Context) =>
      (await relationsOf(ctx, n, 'in', ['INVESTS_IN', 'OPERATES'])).map((r) => involvement(n, r.other, r)),
    products: (n: NodeRow, _: unknown, ctx: Context) => productionsOf(ctx, n),
  },
  Product: {
    ...entityFields,
    inputs: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'in', ['INPUT_TO']),
    outputs: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'out', ['INPUT_TO']),
    byproducts: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'in', ['BYPRODUCT_OF']),
    producers: async (n: NodeRow, _: unknown, ctx: Context) =>
      Promise.all((await relationsOf(ctx, n, 'in', ['PRODUCES'])).map(async (r) => production(r.other, n, r.props, await productionPlace(ctx, r.other, r.props)))),
  },
  Industry: {
    ...entityFields,
    firms: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'in', ['IN_INDUSTRY', 'DEVELOPS'], ['Firm']),
    places: (n: NodeRow, _: unknown, ctx: Context) => others(ctx, n, 'in', ['DEVELOPS'], ['Place']),
  },
  Organization: {
    ...entityFields,
    place: async (n: NodeRow, _: unknown, ctx: Context) => (await relationsOf(ctx, n, 'out', ['LOCATED_IN'], ['Place']))[0]?.other ?? null,
  },
};

export interface InvolvementRow {
  project: NodeRow;
  participant: NodeRow;
  role: string;
  amount: { amount: number; unit: string } | null;
  evidence: EvidenceRow[];
}

export interface PlaceIndustryRow {
  industry: NodeRow;
  role: string | null;
  status: string | null;
  evidence: EvidenceRow[];
}

function involvement(project: NodeRow, participant: NodeRow, r: RelationOfEntity): InvolvementRow {
  const amount = num(r.props.amount);
  return {
    project,
    participant,
    role: r.type,
    amount: amount === null ? null : { amount, unit: str(r.props.amountUnit) ?? '' },
    evidence: r.evidence,
  };
}
