import type { Context } from '../../context.js';
import { kindFromEnum, kindToEnum, placeKindFromEnum } from '../../kinds.js';
import type { PlaceKind } from '../../generated/resolvers.js';
import { auditLog, candidatesByIds, historyLoader, reviewQueue, type AuditRow, type Statement } from '../../../curation/queries.js';
import { ingestDocument } from '../../../curation/ingest.js';
import { retractFact, reviewCandidate, type Decision } from '../../../curation/review.js';
import type { CandidateRow, CandidateState } from '../../../curation/model.js';
import { connectionOf } from '../../../services/paging.js';
import { UserFacingError } from '../../../services/errors.js';
import { str, type EdgeRow, type NodeRow, type ProductionRow } from '../../../services/rows.js';
import type { Curator } from '../../../auth/tokens.js';
import type { Resolvers } from '../../generated/resolvers.js';

/** Resolvers of the review queue, the mutations, the audit log and the layer/history fields. */

// The auth plugin refuses unauthenticated mutations before they run; this second check keeps a resolver safe on its own.
function curatorOf(ctx: Context): Curator {
  if (!ctx.curator) throw new UserFacingError('Changes need a curator token.', 'UNAUTHENTICATED');
  return ctx.curator;
}

const histories = new WeakMap<Context, ReturnType<typeof historyLoader>>();
const historyOf = (ctx: Context) => histories.get(ctx) ?? (histories.set(ctx, historyLoader(ctx.db)), histories.get(ctx)!);
const layer = (origin: unknown): 'CONTRIB' | 'SEED' => (origin === 'contrib' ? 'CONTRIB' : 'SEED');
const statementEdge = (s: Statement): EdgeRow => ({ type: s.type, from: s.from, to: s.to, props: s.props });
const edgeOfFact = (f: { type: string; from: string; to: string; props: Record<string, unknown> }): EdgeRow => ({ type: f.type, from: f.from, to: f.to, props: f.props });

/**
 * A curator's edit with the GraphQL enums (`FIRM`, `PARK`) spelled as the domain stores them (`Firm`,
 * `park`): the curation model (zod) checks the domain's spelling, as it does for the extractor's output.
 */
function editFromGraphQL(edit: unknown): unknown {
  const newEntity = (edit as { newEntity?: { kind?: string | null; placeKind?: PlaceKind | null } | null } | null | undefined)?.newEntity;
  if (!newEntity) return edit;
  const { kind, placeKind, ...rest } = newEntity;
  return {
    ...(edit as object),
    newEntity: { ...rest, ...(kind ? { kind: kindFromEnum(kind) } : {}), ...(placeKind ? { placeKind: placeKindFromEnum(placeKind) } : {}) },
  };
}

const entityLayer = {
  origin: (n: NodeRow) => layer(n.origin),
  reviewedBy: (n: NodeRow) => str(n.reviewedBy),
};

export const curationResolvers: Resolvers = {
  Query: {
    reviewQueue: async (_: unknown, args: { state: CandidateState; document?: string | null; first: number; after?: string | null }, ctx: Context) =>
      connectionOf(await reviewQueue(ctx.db, args), (node) => ({ node })),
    candidate: async (_: unknown, args: { id: string }, ctx: Context) => (await candidatesByIds(ctx.db, [args.id]))[0],
    document: (_: unknown, args: { id: string }, ctx: Context) => ctx.loaders.documents.load(args.id),
    audit: async (_: unknown, args: { curator?: string | null; since?: string | null; first: number; after?: string | null }, ctx: Context) =>
      connectionOf(await auditLog(ctx.db, args), (node) => ({ node })),
  },
  Mutation: {
    ingestDocument: (_: unknown, args: { input: unknown }, ctx: Context) => ingestDocument(ctx.db, ctx.extractor, curatorOf(ctx), args.input),
    reviewCandidate: async (_: unknown, args: { id: string; decision: Decision; edit?: unknown }, ctx: Context) => {
      const result = await reviewCandidate(ctx.db, curatorOf(ctx), args.id, args.decision, editFromGraphQL(args.edit));
      return { candidate: result.candidate, entity: result.entity, fact: result.fact && edgeOfFact(result.fact) };
    },
    retractFact: async (_: unknown, args: { id: string; reason: string }, ctx: Context) => edgeOfFact(await retractFact(ctx.db, curatorOf(ctx), args.id, args.reason)),
  },
  Candidate: {
    kind: (c: CandidateRow) => (c.type === 'entity' ? 'ENTITY' : 'RELATION'),
    document: async (c: CandidateRow, _: unknown, ctx: Context) => {
      const doc = await ctx.loaders.documents.load(c.document);
      if (!doc) throw new Error(`candidate ${c.id} names a missing document ${c.document}`);
      return doc;
    },
    entityKind: (c: CandidateRow) => (c.kind ? kindToEnum(c.kind) : null),
    match: (c: CandidateRow, _: unknown, ctx: Context) => (c.match ? ctx.loaders.nodes.load(c.match) : null),
    matches: async (c: CandidateRow, _: unknown, ctx: Context) => (await ctx.loaders.nodes.loadMany(c.matches ?? [])).filter((n): n is NodeRow => !!n && !(n instanceof Error)),
    mentions: (c: CandidateRow) => (c.mentionsJson ? JSON.parse(c.mentionsJson) : []),
    fromEntity: (c: CandidateRow, _: unknown, ctx: Context) => (c.fromId ? ctx.loaders.nodes.load(c.fromId) : null),
    toEntity: (c: CandidateRow, _: unknown, ctx: Context) => (c.toId ? ctx.loaders.nodes.load(c.toId) : null),
    resolvedEntity: (c: CandidateRow, _: unknown, ctx: Context) => (c.resolvedId ? ctx.loaders.nodes.load(c.resolvedId) : null),
    fact: async (c: CandidateRow, _: unknown, ctx: Context) => {
      if (!c.factKey) return null;
      const [type, from, to] = c.factKey.split('|');
      const statements = await historyOf(ctx).load(`${from}|${to}|${type}`);
      const found = statements.find((s) => s.props.key === c.factKey);
      return found ? statementEdge(found) : null;
    },
  },
  AuditEntry: {
    document: (a: AuditRow, _: unknown, ctx: Context) => (a.document ? ctx.loaders.documents.load(a.document) : null),
    entity: (a: AuditRow, _: unknown, ctx: Context) => (a.entity ? ctx.loaders.nodes.load(a.entity) : null),
  },
  Document: {
    origin: (d: Record<string, unknown>) => layer(d.origin),
    text: (d: { id: string }, _: unknown, ctx: Context) => ctx.loaders.documentTexts.load(d.id),
  },
  Edge: {
    id: (e: EdgeRow) => String(e.props.key ?? `${e.type}|${e.from}|${e.to}`),
    origin: (e: EdgeRow) => layer(e.props.origin),
    asOf: (e: EdgeRow) => str(e.props.asOf),
    reviewedBy: (e: EdgeRow) => str(e.props.reviewedBy),
    reviewedAt: (e: EdgeRow) => str(e.props.reviewedAt),
    current: (e: EdgeRow) => e.props.superseded !== true,
    supersededBy: (e: EdgeRow) => str(e.props.supersededBy),
    retracted: (e: EdgeRow) => e.props.retracted === true,
    retractedReason: (e: EdgeRow) => str(e.props.retractedReason),
    history: async (e: EdgeRow, _: unknown, ctx: Context) => (await historyOf(ctx).load(`${e.from}|${e.to}|${e.type}`)).map(statementEdge),
  },
  Production: {
    id: (p: ProductionRow) => str(p.rel?.key),
    origin: (p: ProductionRow) => layer(p.rel?.origin),
    current: (p: ProductionRow) => p.rel?.superseded !== true,
    reviewedBy: (p: ProductionRow) => str(p.rel?.reviewedBy),
    history: async (p: ProductionRow, _: unknown, ctx: Context) => {
      if (!p.rel) return [];
      // The statement's own product (a chain step may list producers of a kind of it).
      return (await historyOf(ctx).load(`${p.producer.id}|${p.product.id}|PRODUCES`)).map(statementEdge);
    },
  },
  ...Object.fromEntries(['Firm', 'Place', 'Policy', 'IndustrialBase', 'Project', 'Product', 'Industry', 'Organization'].map((t) => [t, entityLayer])),
};
