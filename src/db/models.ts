import { z } from 'zod';
import { ENTITY_KINDS } from '../seed/model.js';

/** An entity node as read back from Neo4j (properties(n), or a projection of it). */
export const NodeRowModel = z
  .object({
    id: z.string(),
    kind: z.enum(ENTITY_KINDS),
    name: z.string(),
    nameEn: z.string().nullish(),
    aliases: z.array(z.string()).default([]),
    placeKind: z.string().nullish(),
    status: z.string().nullish(),
    description: z.string().nullish(),
    descriptionZh: z.string().nullish(),
    code: z.string().nullish(),
    sixBases: z.boolean().nullish(),
    factsJson: z.string().nullish(),
    evDocs: z.array(z.string()).default([]),
    evQuotes: z.array(z.string()).default([]),
    evNotes: z.array(z.string()).default([]),
  })
  .passthrough();
export type NodeRow = z.infer<typeof NodeRowModel>;

/** A relationship's properties (evidence lists, role, capacity …), read by the edge resolvers. */
export const PropsModel = z.record(z.string(), z.unknown());

/** A relation between two entities, as several queries return it. */
export const RelationModel = z.object({ type: z.string(), from: z.string(), to: z.string(), props: PropsModel });

const optionalText = z.string().nullish().transform((v) => v ?? null);

/** A source document as read back (seeded texts have no `text`: they live in seed/sources). */
export const DocumentModel = z.object({
  id: z.string(),
  title: z.string(),
  publisher: optionalText,
  date: optionalText,
  origin: optionalText,
  sha256: optionalText,
  url: optionalText,
  text: optionalText,
  ingestedBy: optionalText,
  ingestedAt: optionalText,
});
export type DocumentRow = z.infer<typeof DocumentModel>;

export const KindModel = z.enum(ENTITY_KINDS);
