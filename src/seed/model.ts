import { z } from 'zod';
import { CAPACITY_UNITS, MEASURES, UNITS, isCapacityUnit } from '../domain/units.js';

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
const unit = z.enum(UNITS, { message: `a unit of the vocabulary in src/domain/units.ts (${UNITS.join(' ')})` });
/** Chinese text: labels and descriptions shown in the Chinese explorer must contain Chinese. */
const zhText = text.regex(/[\u3400-\u9fff]/, 'Chinese text (at least one Chinese character)');
/** GB/T 2260 administrative division code: six digits. */
export const DivisionCode = z.string().regex(/^\d{6}$/, 'a six-digit GB/T 2260 code');
const DocId = z.string().regex(/^doc:\d{3}$/, 'a document id like doc:000');
const EntityId = z.string().regex(/^(firm|place|policy|base|project|product|industry|org):[a-z0-9][a-z0-9-]*$/, 'an id like firm:chuanheng');

export const EvidenceModel = z
  .object({ doc: DocId.optional(), quote: text.optional(), note: text.optional() })
  .strict()
  .refine((e) => e.quote || e.note, 'needs a quote or a note');
export type EvidenceInput = z.infer<typeof EvidenceModel>;

export const FactModel = z
  .object({
    label: text,
    /** The Chinese label the Chinese explorer shows. */
    labelZh: zhText,
    amount: z.number().finite(),
    unit,
    /** capacity (the text says 产能 / 生产线 / 装机) or output over the period; omitted for other figures. */
    measure: z.enum(MEASURES).optional(),
    period: z.union([text, z.number()]).transform(String).optional(),
    status: z.enum(['operating', 'planned']).default('operating'),
    quote: text.optional(),
    doc: DocId.optional(),
    note: text.optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    if (isCapacityUnit(f.unit) !== (f.measure === 'capacity')) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `a capacity and only a capacity has a capacity unit (${CAPACITY_UNITS.join(' ')})` });
    }
    if (f.measure === 'output' && !f.period) ctx.addIssue({ code: 'custom', path: ['period'], message: 'an output needs its period' });
  });

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
    descriptionZh: zhText.optional(),
    /** Place only: GB/T 2260 code of an administrative division. */
    code: DivisionCode.optional(),
    /** IndustrialBase only: one of the six industrial bases (六大产业基地); evidence must quote the sentence naming them. */
    sixBases: z.literal(true).optional(),
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
    if (e.kind !== 'Place' && e.code) ctx.addIssue({ code: 'custom', path: ['code'], message: 'only a Place has a division code' });
    if (e.kind !== 'IndustrialBase' && e.sixBases) ctx.addIssue({ code: 'custom', path: ['sixBases'], message: 'only an IndustrialBase is one of the six bases' });
    if (e.description && !e.descriptionZh) ctx.addIssue({ code: 'custom', path: ['descriptionZh'], message: 'a description needs its Chinese counterpart' });
  });
export type EntityInput = z.infer<typeof EntityModel>;

export const RelationModel = z
  .object({
    type: z.enum(RELATION_TYPES as [RelationType, ...RelationType[]]),
    from: EntityId,
    to: EntityId,
    role: text.optional(),
    status: z.enum(STATUSES).optional(),
    /** PRODUCES: a capacity, only when the text says 产能 / 生产线 / 装机 (unit 万吨/年 …). */
    capacity: z.number().finite().optional(),
    /** PRODUCES: an output (产量, 年产, 产销量 …) over the period in asOf (unit 万吨 …). */
    output: z.number().finite().optional(),
    unit: unit.optional(),
    asOf: z.union([text, z.number()]).transform(String).optional(),
    at: EntityId.optional(),
    /** PRODUCES by a firm: the text names no site for this production (so none is inferred). */
    siteNotStated: z.literal(true).optional(),
    /** A fact the text states for a joint area (贵阳贵安), attached to each of its members; the id of the joint place. */
    joint: EntityId.optional(),
    amount: z.number().finite().optional(),
    amountUnit: text.optional(),
    label: text.optional(),
    /** Chinese counterpart of label. */
    labelZh: zhText.optional(),
    note: text.optional(),
    evidence: z.array(EvidenceModel).min(1, 'at least one evidence item'),
  })
  .strict()
  .superRefine((r, ctx) => {
    if (r.type === 'RELATED_TO' && !r.label) ctx.addIssue({ code: 'custom', path: ['label'], message: 'required on RELATED_TO' });
    if (r.label && !r.labelZh) ctx.addIssue({ code: 'custom', path: ['labelZh'], message: 'a label needs its Chinese counterpart' });
    if (r.capacity !== undefined && r.output !== undefined) ctx.addIssue({ code: 'custom', path: ['output'], message: 'a figure is a capacity or an output, not both' });
    if (r.capacity !== undefined && !(r.unit && isCapacityUnit(r.unit))) {
      ctx.addIssue({ code: 'custom', path: ['unit'], message: `a capacity needs a capacity unit (${CAPACITY_UNITS.join(' ')})` });
    }
    if (r.output !== undefined && (!r.unit || isCapacityUnit(r.unit))) ctx.addIssue({ code: 'custom', path: ['unit'], message: 'an output needs an amount unit (万吨, not 万吨/年)' });
    if (r.output !== undefined && !r.asOf) ctx.addIssue({ code: 'custom', path: ['asOf'], message: 'an output needs its period (asOf)' });
    if ((r.capacity !== undefined || r.output !== undefined) && r.type !== 'PRODUCES') ctx.addIssue({ code: 'custom', path: ['type'], message: 'capacities and outputs sit on PRODUCES' });
    if (r.siteNotStated && r.at) ctx.addIssue({ code: 'custom', path: ['siteNotStated'], message: 'a production has a stated site (at) or none' });
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
