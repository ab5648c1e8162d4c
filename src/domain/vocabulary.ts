/**
 * The graph's vocabulary: entity kinds, place kinds, statuses and relation types with the kinds each
 * joins, and their Chinese and English names and descriptions. One module for the loader, the server
 * (Edge.typeLabel, relationTypes) and the web client (no zod or Node imports here, so the explorer's
 * bundle can take it): a label never differs between the API and the explorer.
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

// Names in Chinese and English: what the API and the explorer show for each term.
export type Lang = 'zh' | 'en';
export interface Term {
  zh: string;
  en: string;
  descriptionZh?: string;
  descriptionEn?: string;
}

export const RELATION_TERMS: Record<string, Term> = {
  WITHIN: { zh: '隶属于', en: 'lies within', descriptionZh: '下级地区隶属于其直接上级', descriptionEn: 'a place lies in its direct parent' },
  LOCATED_IN: { zh: '位于', en: 'located in', descriptionZh: '企业、项目或机构所在的地区（总部、生产基地、工厂……）', descriptionEn: 'where a firm, project or organization is (headquarters, production base, plant …)' },
  PRODUCES: { zh: '生产', en: 'produces', descriptionZh: '生产某产品，可附产能或产量、时期和地点', descriptionEn: 'makes a product, with a capacity or an output, its period and site' },
  INPUT_TO: { zh: '是…的原料', en: 'is an input to', descriptionZh: '原料或中间产品用于制造下一环节产品', descriptionEn: 'raw material or intermediate of the next product' },
  BYPRODUCT_OF: { zh: '是…的副产品', en: 'is a by-product of', descriptionZh: '生产某产品时产生的副产品', descriptionEn: 'left over when the other product is made' },
  KIND_OF: { zh: '属于', en: 'is a kind of', descriptionZh: '是某类产品或产业中的一种', descriptionEn: 'a kind of a broader product or industry' },
  IN_INDUSTRY: { zh: '属于产业', en: 'in industry', descriptionZh: '所属产业', descriptionEn: 'the industry it belongs to' },
  DEVELOPS: { zh: '发展', en: 'develops', descriptionZh: '地区或企业发展的产业或产品（主导、支柱、特色、新兴）', descriptionEn: 'an industry or product a place or firm develops (leading, pillar, featured, emerging)' },
  SERVES_BASE: { zh: '服务于基地', en: 'serves base', descriptionZh: '服务于某产业基地的建设', descriptionEn: 'contributes to an industrial base' },
  CONCERNS: { zh: '涉及', en: 'concerns', descriptionZh: '政策涉及的地区、产业、基地、企业等', descriptionEn: 'what a policy is about' },
  ISSUED_BY: { zh: '发布方', en: 'issued by', descriptionZh: '政策的发布或确定机关', descriptionEn: 'who issued or chose the policy' },
  INVESTS_IN: { zh: '投资', en: 'invests in', descriptionZh: '对项目或企业的投资，可附金额', descriptionEn: 'an investment in a project or firm, with its amount' },
  OPERATES: { zh: '运营', en: 'operates', descriptionZh: '项目或园区的运营方', descriptionEn: 'operator of a project or park' },
  SUPPLIES: { zh: '供货给', en: 'supplies', descriptionZh: '向企业或地区供货（客户关系）', descriptionEn: 'ships to a firm or place (customer relation)' },
  SUBSIDIARY_OF: { zh: '子公司，母公司为', en: 'subsidiary of', descriptionZh: '隶属于母公司或上级机构', descriptionEn: 'belongs to a parent firm or body' },
  PARTICIPATES_IN: { zh: '参与', en: 'participates in', descriptionZh: '参加活动、项目或政策（如参展）', descriptionEn: 'takes part in an event, project or policy (e.g. exhibitor)' },
  COOPERATES_WITH: { zh: '合作', en: 'cooperates with', descriptionZh: '双方合作，说明见标签', descriptionEn: 'cooperation, described by its label' },
  PART_OF: { zh: '属于', en: 'part of', descriptionZh: '是更大政策、项目或机构的组成部分', descriptionEn: 'a part of a larger policy, project or body' },
  RELATED_TO: { zh: '相关', en: 'related to', descriptionZh: '其他有原文依据的关系，说明见标签', descriptionEn: 'any other relation the text supports, described by its label' },
};

export const STATUS_TERMS: Record<string, Term> = {
  operating: { zh: '运营中', en: 'operating' },
  planned: { zh: '规划中', en: 'planned' },
  under_construction: { zh: '在建', en: 'under construction' },
  signed: { zh: '已签约', en: 'signed' },
  trial: { zh: '试生产', en: 'trial' },
  issued: { zh: '已发布', en: 'issued' },
};

export const PLACE_KIND_TERMS: Record<string, Term> = {
  COUNTRY: { zh: '国家', en: 'country' },
  PROVINCE: { zh: '省', en: 'province' },
  PREFECTURE: { zh: '市州', en: 'prefecture' },
  COUNTY: { zh: '县市', en: 'county' },
  DISTRICT: { zh: '区', en: 'district' },
  NEW_AREA: { zh: '新区', en: 'new area' },
  PARK: { zh: '园区', en: 'park' },
  TOWN: { zh: '镇', en: 'town' },
  PORT: { zh: '港口', en: 'port' },
  REGION: { zh: '区域', en: 'region' },
  FOREIGN: { zh: '境外', en: 'abroad' },
};

export const ROLE_TERMS: Record<string, Term> = {
  headquarters: { zh: '总部', en: 'headquarters' },
  production_base: { zh: '生产基地', en: 'production base' },
  plant: { zh: '工厂', en: 'plant' },
  research: { zh: '研发', en: 'research' },
  branch: { zh: '分支机构', en: 'branch' },
  site: { zh: '所在地', en: 'site' },
  leading: { zh: '主导产业', en: 'leading' },
  pillar: { zh: '支柱产业', en: 'pillar' },
  featured: { zh: '特色产业', en: 'featured' },
  emerging: { zh: '新兴产业', en: 'emerging' },
};

export const MEASURE_TERMS: Record<string, Term> = {
  capacity: { zh: '产能', en: 'capacity', descriptionZh: '原文称产能、生产线或装机的数字', descriptionEn: 'a figure the text calls a capacity (产能, 生产线, 装机)' },
  output: { zh: '产量', en: 'output', descriptionZh: '某一时期的产量（含预计）', descriptionEn: 'an amount produced over a period (or expected)' },
};

/** Words the explorer shows next to facts: a joint statement and a production with no stated site. */
export const MARK_TERMS: Record<string, Term> = {
  joint: { zh: '共同表述', en: 'stated jointly for' },
  siteNotStated: { zh: '原文未说明生产地点', en: 'site not stated' },
};

export const termIn = (term: Term | undefined, lang: Lang, fallback: string): string => (term ? term[lang] : fallback);
export const relationTerm = (type: string, lang: Lang): string => termIn(RELATION_TERMS[type], lang, type.toLowerCase().replace(/_/g, ' '));
export const relationDescription = (type: string, lang: Lang): string | null =>
  (lang === 'zh' ? RELATION_TERMS[type]?.descriptionZh : RELATION_TERMS[type]?.descriptionEn) ?? null;
