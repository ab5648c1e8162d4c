import { z } from 'zod';

export {
  ENTITY_KINDS,
  PLACE_KINDS,
  STATUSES,
  RELATION_RULES,
  RELATION_TYPES,
  type RelationType,
} from '../domain/vocabulary.js';
import { ENTITY_KINDS, PLACE_KINDS, STATUSES, RELATION_TYPES, type RelationType } from '../domain/vocabulary.js';

const ID_PREFIX: Record<(typeof ENTITY_KINDS)[number], string> = {
  Firm: 'firm',
  Place: 'place',
  Policy: 'policy',
  IndustrialBase: 'base',
  Project: 'project',
  Product: 'product',
  Industry: 'industry',
  Organization: 'org',
};
export const idPrefixOf = (kind: (typeof ENTITY_KINDS)[number]): string => ID_PREFIX[kind];

const text = z.string().trim().min(1);
// Seeded documents are numbered (doc:000); ingested ones are named by their text's sha256 (doc:<12 hex>).
export const DocId = z.string().regex(/^doc:(\d{3}|[0-9a-f]{12})$/, 'a document id like doc:000 or doc:<12 hex digits of its sha256>');
const EntityId = z.string().regex(/^(firm|place|policy|base|project|product|industry|org):[a-z0-9][a-z0-9-]*$/, 'an id like firm:chuanheng');

export const EvidenceModel = z
  .object({ doc: DocId.optional(), quote: text.optional(), note: text.optional() })
  .strict()
  .refine((e) => e.quote || e.note, 'needs a quote or a note');
export type EvidenceInput = z.infer<typeof EvidenceModel>;

export const FactModel = z
  .object({
    label: text,
    amount: z.number().finite(),
    unit: text,
    period: z.union([text, z.number()]).transform(String).optional(),
    status: z.enum(['operating', 'planned']).default('operating'),
    quote: text.optional(),
    doc: DocId.optional(),
    note: text.optional(),
  })
  .strict();

export const EntityModel = z
  .object({
    id: EntityId,
    kind: z.enum(ENTITY_KINDS),
    name: text,
    nameEn: text.optional(),
    aliases: z.array(z.union([text, z.number()]).transform(String)).default([]),
    placeKind: z.enum(PLACE_KINDS).optional(),
    status: z.enum(STATUSES).optional(),
    description: text.optional(),
    facts: z.array(FactModel).default([]),
    evidence: z.array(EvidenceModel).min(1, 'at least one evidence item'),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (!e.id.startsWith(`${idPrefixOf(e.kind)}:`)) {
      ctx.addIssue({ code: 'custom', path: ['id'], message: `a ${e.kind} id starts with "${idPrefixOf(e.kind)}:"` });
    }
    if (e.kind === 'Place' && !e.placeKind) ctx.addIssue({ code: 'custom', path: ['placeKind'], message: 'required on a Place' });
    if (e.kind !== 'Place' && e.placeKind) ctx.addIssue({ code: 'custom', path: ['placeKind'], message: 'only a Place has a placeKind' });
  });
export type EntityInput = z.infer<typeof EntityModel>;

export const RelationModel = z
  .object({
    type: z.enum(RELATION_TYPES as [RelationType, ...RelationType[]]),
    from: EntityId,
    to: EntityId,
    role: text.optional(),
    status: z.enum(STATUSES).optional(),
    capacity: z.number().finite().optional(),
    unit: text.optional(),
    asOf: z.union([text, z.number()]).transform(String).optional(),
    at: EntityId.optional(),
    amount: z.number().finite().optional(),
    amountUnit: text.optional(),
    label: text.optional(),
    note: text.optional(),
    evidence: z.array(EvidenceModel).min(1, 'at least one evidence item'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.type === 'RELATED_TO' && !r.label) ctx.addIssue({ code: 'custom', path: ['label'], message: 'required on RELATED_TO' });
    if (r.capacity !== undefined && !r.unit) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'a capacity needs its unit' });
    if (r.amount !== undefined && !r.amountUnit) ctx.addIssue({ code: 'custom', path: ['amountUnit'], message: 'an amount needs its unit' });
  });
export type RelationInput = z.infer<typeof RelationModel>;

export const SeedFileModel = z
  .object({
    document: DocId.nullable(),
    entities: z.array(z.unknown()).default([]),
    relations: z.array(z.unknown()).default([]),
  })
  .strict();

export const DocumentModel = z
  .object({
    id: DocId,
    file: text,
    originalFile: text.optional(),
    title: text,
    publisher: text.nullable().optional(),
    author: text.optional(),
    date: text.nullable().optional(),
    script: z.enum(['simplified', 'traditional']),
    notes: text.optional(),
  })
  .strict();
export type DocumentInput = z.infer<typeof DocumentModel>;
export const SourceIndexModel = z.object({ documents: z.array(DocumentModel).min(1) }).strict();
