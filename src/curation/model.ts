import { z } from 'zod';
import { ENTITY_KINDS, PLACE_KINDS, STATUSES } from '../seed/model.js';
import { DocId } from '../seed/model.js';
import { MAX_ARTICLE_BYTES } from '../ingest/limits.js';

/** What curation reads and writes, checked at the boundary (GraphQL inputs, rows read back from Neo4j). */


const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .nullish()
    .transform((v) => (v == null || v.trim() === '' ? null : v.trim()));

export const IngestInputModel = z.object({
  // The byte limit itself is checked by normalizeArticle; this only stops absurd inputs before that.
  text: z.string().min(1, 'the article is empty').max(MAX_ARTICLE_BYTES, `at most ${MAX_ARTICLE_BYTES} bytes`),
  title: optionalText(300),
  publisher: optionalText(200),
  date: optionalText(10).refine((d) => d === null || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(d), 'YYYY, YYYY-MM or YYYY-MM-DD'),
  url: optionalText(2000).refine((u) => u === null || /^https?:\/\/\S+$/.test(u), 'an http(s) URL'),
});
export type IngestInput = z.infer<typeof IngestInputModel>;

export const NewEntityModel = z.object({
  kind: z.enum(ENTITY_KINDS).optional(),
  name: z.string().trim().min(1).max(120).optional(),
  nameEn: optionalText(200),
  aliases: z.array(z.string().trim().min(1).max(120)).max(20).nullish(),
  placeKind: z.enum(PLACE_KINDS).nullish(),
  within: z.string().max(200).nullish(),
});

export const CandidateEditModel = z
  .object({
    entity: z.string().max(200).nullish(),
    newEntity: NewEntityModel.nullish(),
    from: z.string().max(200).nullish(),
    to: z.string().max(200).nullish(),
    capacity: z.number().finite().nonnegative().nullish(),
    unit: optionalText(40),
    amount: z.number().finite().nonnegative().nullish(),
    currency: optionalText(40),
    status: z.enum(STATUSES).nullish(),
    asOf: optionalText(40),
    role: optionalText(40),
    at: z.string().max(200).nullish(),
    quote: optionalText(2000),
    reason: optionalText(500),
  })
  .strict();
export type CandidateEdit = z.infer<typeof CandidateEditModel>;

export const CANDIDATE_STATES = ['PENDING', 'ACCEPTED', 'REJECTED'] as const;
export type CandidateState = (typeof CANDIDATE_STATES)[number];

/** A stored candidate as read back (properties of a :Candidate node). */
export const CandidateRowModel = z
  .object({
    id: z.string(),
    document: DocId,
    type: z.enum(['entity', 'relation']),
    state: z.enum(CANDIDATE_STATES),
    start: z.number(),
    end: z.number(),
    // entity candidates
    name: z.string().nullish(),
    kind: z.enum(ENTITY_KINDS).nullish(),
    match: z.string().nullish(),
    matches: z.array(z.string()).nullish(),
    mentionsJson: z.string().nullish(),
    // relation candidates
    relationType: z.string().nullish(),
    from: z.string().nullish(),
    to: z.string().nullish(),
    fromId: z.string().nullish(),
    toId: z.string().nullish(),
    capacity: z.number().nullish(),
    unit: z.string().nullish(),
    amount: z.number().nullish(),
    currency: z.string().nullish(),
    status: z.string().nullish(),
    asOf: z.string().nullish(),
    quote: z.string().nullish(),
    confidence: z.number().nullish(),
    // the decision
    reviewedBy: z.string().nullish(),
    reviewedAt: z.string().nullish(),
    resolvedId: z.string().nullish(),
    factKey: z.string().nullish(),
    reason: z.string().nullish(),
  })
  .passthrough();
export type CandidateRow = z.infer<typeof CandidateRowModel>;

export const toCandidate = (value: unknown): CandidateRow => CandidateRowModel.parse(value);
