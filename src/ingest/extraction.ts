import { z } from 'zod';
import { ENTITY_KINDS, RELATION_TYPES, type RelationType } from '../seed/model.js';

/**
 * The contract between extraction (`npm run ingest`, the `extract` query) and curation (the review
 * queue): what an article yields before anyone has reviewed it. Nothing here is written to Neo4j by
 * extraction; curation stores these candidates as PENDING and builds on their shape.
 */

/** The status ladder a production or project moves along, lowest first. */
export const STATUS_LADDER = ['planned', 'signed', 'under_construction', 'trial', 'operating'] as const;
export type LadderStatus = (typeof STATUS_LADDER)[number];

export const ExtractedDocumentModel = z.object({
  title: z.string().nullable(),
  publisher: z.string().nullable(),
  /** YYYY-MM-DD (or YYYY-MM / YYYY when that is all the source says) */
  date: z.string().nullable(),
  url: z.string().nullable(),
  /** sha256 (hex) of the normalized text (UTF-8, line ends as \n, no BOM): the document's identity */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

/**
 * A verbatim piece of the input; start/end are UTF-16 offsets into the normalized text. For an entity
 * mention the quote is the sentence the name occurs in, and surface/surfaceStart/surfaceEnd (optional,
 * added by the extractor) are the name exactly as written there.
 */
export const MentionModel = z.object({
  quote: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  surface: z.string().min(1).optional(),
  surfaceStart: z.number().int().nonnegative().optional(),
  surfaceEnd: z.number().int().nonnegative().optional(),
});

export const CandidateEntityModel = z.object({
  name: z.string().min(1),
  kind: z.enum(ENTITY_KINDS),
  /** the one existing entity this name means, or null (new, or ambiguous) */
  match: z.string().nullable(),
  /** every existing entity the name could mean; more than one = AMBIGUOUS, never a guess */
  matches: z.array(z.string()),
  mentions: z.array(MentionModel).min(1),
});

export const CandidateRelationModel = z.object({
  type: z.enum(RELATION_TYPES as [RelationType, ...RelationType[]]),
  from: z.string().min(1),
  to: z.string().min(1),
  fromId: z.string().nullable(),
  toId: z.string().nullable(),
  capacity: z.number().finite().optional(),
  unit: z.string().optional(),
  amount: z.number().finite().optional(),
  /** the unit of `amount` as the graph stores money (亿元); optional, added by the extractor */
  amountUnit: z.string().optional(),
  currency: z.string().optional(),
  status: z.enum(STATUS_LADDER).optional(),
  asOf: z.string().optional(),
  quote: z.string().min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  confidence: z.number().min(0).max(1),
});

export const ExtractionModel = z.object({
  document: ExtractedDocumentModel,
  entities: z.array(CandidateEntityModel),
  relations: z.array(CandidateRelationModel),
});

export type ExtractedDocument = z.infer<typeof ExtractedDocumentModel>;
export type CandidateEntity = z.infer<typeof CandidateEntityModel>;
export type CandidateRelation = z.infer<typeof CandidateRelationModel>;
export type Extraction = z.infer<typeof ExtractionModel>;
