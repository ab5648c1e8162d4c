/**
 * The graph's vocabulary: entity kinds, place kinds, statuses and relation types with the kinds each
 * joins. One module for the loader, the server and the web client (no zod or Node imports here, so the
 * explorer's bundle can take it).
 */
export const ENTITY_KINDS = ['Firm', 'Place', 'Policy', 'IndustrialBase', 'Project', 'Product', 'Industry', 'Organization'] as const;
export const PLACE_KINDS = ['country', 'province', 'prefecture', 'county', 'district', 'new_area', 'park', 'town', 'port', 'region', 'foreign'] as const;
export const STATUSES = ['operating', 'planned', 'under_construction', 'signed', 'trial', 'issued'] as const;

/** Which kinds each relation type may join; the loader rejects anything else. */
export const RELATION_RULES = {
  WITHIN: { from: ['Place'], to: ['Place'] },
  LOCATED_IN: { from: ['Firm', 'Project', 'Organization', 'IndustrialBase'], to: ['Place'] },
  PRODUCES: { from: ['Firm', 'Project', 'Place'], to: ['Product'] },
  INPUT_TO: { from: ['Product'], to: ['Product'] },
  BYPRODUCT_OF: { from: ['Product'], to: ['Product'] },
  KIND_OF: { from: ['Product', 'Industry'], to: ['Product', 'Industry'] },
  IN_INDUSTRY: { from: ['Firm', 'Product', 'Project', 'Organization'], to: ['Industry'] },
  DEVELOPS: { from: ['Place', 'Firm'], to: ['Industry', 'Product'] },
  SERVES_BASE: { from: ['Place', 'Industry', 'Firm', 'Project', 'Product'], to: ['IndustrialBase'] },
  CONCERNS: { from: ['Policy'], to: ENTITY_KINDS },
  ISSUED_BY: { from: ['Policy'], to: ['Organization', 'Place'] },
  INVESTS_IN: { from: ['Firm', 'Organization', 'Place'], to: ['Project', 'Firm'] },
  OPERATES: { from: ['Firm', 'Organization'], to: ['Project', 'Place'] },
  SUPPLIES: { from: ['Firm'], to: ['Firm', 'Place'] },
  SUBSIDIARY_OF: { from: ['Firm', 'Organization'], to: ['Firm', 'Organization'] },
  PARTICIPATES_IN: { from: ['Firm', 'Organization', 'Place'], to: ['Organization', 'Project', 'Policy'] },
  COOPERATES_WITH: { from: ENTITY_KINDS, to: ENTITY_KINDS },
  PART_OF: { from: ENTITY_KINDS, to: ENTITY_KINDS },
  RELATED_TO: { from: ENTITY_KINDS, to: ENTITY_KINDS },
} as const satisfies Record<string, { from: readonly string[]; to: readonly string[] }>;
export const RELATION_TYPES = Object.keys(RELATION_RULES) as (keyof typeof RELATION_RULES)[];
export type RelationType = keyof typeof RELATION_RULES;

export type Kind = (typeof ENTITY_KINDS)[number];
export type PlaceKind = (typeof PLACE_KINDS)[number];
export type Status = (typeof STATUSES)[number];

/** GraphQL spells kinds as enum values (INDUSTRIAL_BASE); the graph stores labels (IndustrialBase). */
const KIND_ENUM = {
  Firm: 'FIRM',
  Place: 'PLACE',
  Policy: 'POLICY',
  IndustrialBase: 'INDUSTRIAL_BASE',
  Project: 'PROJECT',
  Product: 'PRODUCT',
  Industry: 'INDUSTRY',
  Organization: 'ORGANIZATION',
} as const satisfies Record<Kind, string>;
export type KindEnum = (typeof KIND_ENUM)[Kind];
const KIND_OF_ENUM = Object.fromEntries(Object.entries(KIND_ENUM).map(([k, v]) => [v, k])) as Record<KindEnum, Kind>;

export const kindToEnum = (kind: Kind): KindEnum => KIND_ENUM[kind];
/** A kind given either way (FIRM or Firm) as the GraphQL enum value; unknown values pass through. */
export const asKindEnum = (kind: string): string => (kind in KIND_ENUM ? KIND_ENUM[kind as Kind] : kind);
export const kindFromEnum = (value: string | null | undefined): Kind | null => (value && value in KIND_OF_ENUM ? KIND_OF_ENUM[value as KindEnum] : null);
