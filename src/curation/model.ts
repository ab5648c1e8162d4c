import { z } from 'zod';
import { ENTITY_KINDS, PLACE_KINDS, STATUSES } from '../seed/model.js';
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

// The stored candidate is a read model of the database layer (src/db/models.ts): parsed once, where rows are read.
export { CANDIDATE_STATES, type CandidateRow, type CandidateState } from '../db/models.js';
