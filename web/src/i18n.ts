/** UI language (Chinese by default; English toggle kept in localStorage) and every label the page shows. */
import { MARK_TERMS, MEASURE_TERMS, PLACE_KIND_TERMS, ROLE_TERMS, STATUS_TERMS, ENTITY_KINDS, asKindEnum, kindToEnum, relationDescription, relationTerm, termIn, type KindEnum, type Lang } from '../../src/domain/vocabulary.js';
export type { Lang };
const STORAGE_KEY = 'gz-explorer-lang';

function stored(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

let lang: Lang = stored();
export const getLang = (): Lang => lang;
export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    /* private mode: the choice lasts for this page */
  }
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
}

const STRINGS = {
  brand: ['贵州产业知识图谱', 'Guizhou Industry Graph'],
  navHome: ['首页', 'Home'],
  navChain: ['产业链', 'Chains'],
  navPlace: ['地区', 'Places'],
  navPath: ['关联路径', 'Paths'],
  navGraph: ['图谱', 'Graph'],
  searchPlaceholder: ['搜索企业、地区、产品…（川恒 / 川恆 / chuanheng）', 'Search firms, places, products… (川恒 / chuanheng)'],
  allResults: ['查看全部结果', 'All results'],
  noMatch: ['没有匹配项', 'No match'],
  loading: ['加载中…', 'Loading…'],
  searchResults: ['搜索结果', 'Search results'],
  resultsFor: ['个结果：', ' results for '],
  loadMore: ['加载更多', 'Load more'],
  allKinds: ['全部类型', 'All kinds'],
  aliases: ['别名', 'Aliases'],
  description: ['简介', 'Description'],
  sources: ['出处', 'Sources'],
  facts: ['数据', 'Facts'],
  relations: ['关系', 'Relations'],
  noFacts: ['暂无数据', 'No figures'],
  noRelations: ['暂无关系', 'No relations'],
  evidence: ['依据', 'Evidence'],
  evidenceShort: ['原文', 'quote'],
  noteShort: ['注', 'note'],
  referenceNote: ['参考说明', 'Reference note'],
  noEvidence: ['无出处', 'No source'],
  period: ['时期', 'Period'],
  neighbourhood: ['关系图谱', 'Neighbourhood graph'],
  openFullGraph: ['全屏查看', 'Open full graph'],
  openEntity: ['打开', 'Open'],
  recentre: ['以此为中心', 'Centre here'],
  openPlaceView: ['地区视图', 'Place view'],
  graphHint: ['点击节点展开其关系，点击连线查看依据。', 'Click a node to expand it, an edge to see its evidence.'],
  showing: ['显示', 'Showing'],
  of: ['/', 'of'],
  entities: ['个实体', 'entities'],
  around: ['围绕', 'around'],
  showMore: ['显示更多', 'Show more'],
  depth: ['层数', 'Depth'],
  graphTotal: ['图中共', 'In the graph:'],
  nodesWord: ['个节点', 'nodes'],
  edgesWord: ['条关系', 'relations'],
  chainTitle: ['产业链', 'Supply chain'],
  chainFrom: ['起点产品', 'From product'],
  chainTo: ['终点产品', 'To product'],
  chainPlace: ['地区（查看缺口）', 'Place (show gaps)'],
  choose: ['选择…', 'Choose…'],
  clear: ['清除', 'Clear'],
  steps: ['个环节', 'steps'],
  producersWord: ['个生产者', 'producers'],
  noProducer: ['暂无已知生产者', 'No known producer'],
  inputsFrom: ['投入：', 'Inputs: '],
  gap: ['缺口', 'Gap'],
  gapFlag: ['{place}缺口', 'Gap in {place}'],
  gapsIn: ['缺口', 'gaps in'],
  localOk: ['本地已有', 'Local producer'],
  local: ['本地', 'local'],
  candidates: ['其他地区的候选', 'Candidates elsewhere'],
  noCandidates: ['其他地区也暂无生产者', 'No producer elsewhere either'],
  legendOperating: ['运营中', 'operating'],
  legendPlanned: ['规划中', 'planned'],
  legendBuilding: ['在建', 'under construction'],
  noGaps: ['无缺口：每个环节都有本地运营的生产者', 'No gaps: every step has a local operating producer'],
  gapSummary: ['个环节缺少本地运营的生产者', 'steps lack a local operating producer'],
  placeTitle: ['地区', 'Place'],
  subareas: ['下辖地区', 'Sub-areas'],
  firms: ['企业', 'Firms'],
  includeSubareas: ['包括下辖地区', 'Include sub-areas'],
  projects: ['项目', 'Projects'],
  policies: ['政策', 'Policies'],
  bases: ['服务的产业基地', 'Industrial bases served'],
  industries: ['产业', 'Industries'],
  none: ['无', 'None'],
  investment: ['投资', 'Investment'],
  annualOutput: ['年产值', 'Annual output'],
  inherited: ['继承自', 'inherited via'],
  direct: ['直接', 'direct'],
  via: ['经由', 'via'],
  thisEntity: ['（本实体）', '(this)'],
  role: ['角色', 'Role'],
  located: ['所在地', 'Location'],
  firm: ['企业', 'Firm'],
  status: ['状态', 'Status'],
  seeChainGaps: ['查看本地产业链缺口', 'See this place’s chain gaps'],
  download: ['下载', 'Download'],
  downloadHint: ['下载数据（含来源原文）', 'Download the data (with source quotes)'],
  pathTitle: ['关联路径', 'How are they connected?'],
  pathFrom: ['从', 'From'],
  pathTo: ['到', 'To'],
  find: ['查找', 'Find'],
  pathsFound: ['条最短路径，长度', 'shortest paths, length'],
  maxHops: ['最大步数', 'Max hops'],
  noPath: ['{n} 步以内没有找到路径，可以增大最大步数再试。', 'No path within {n} hops; try a larger max hops.'],
  badHops: ['最大步数必须是 1 到 {max} 之间的整数。', 'Max hops must be a whole number from 1 to {max}.'],
  pathN: ['路径', 'Path'],
  errNotFound: ['未找到', 'Not found'],
  errAmbiguous: ['名称有多个匹配，请选择', 'Several entities match; choose one'],
  errNetwork: ['无法连接到 API', 'Cannot reach the API'],
  errOther: ['请求出错', 'The request failed'],
  didYouMean: ['您是否要找：', 'Did you mean:'],
  homeLead: [
    '基于公开报道整理的贵州产业知识图谱：企业、地区、政策、产业基地、项目与产品，每条关系都附有原文依据。',
    'A knowledge graph of Guizhou’s industries built from public reporting: firms, places, policies, industrial bases, projects and products — every relation quotes its source.',
  ],
  tryThese: ['从这里开始', 'Start here'],
  industrialBases: ['产业基地', 'Industrial bases'],
  sixBases: ['六大产业基地', 'The six industrial bases'],
  otherBases: ['文中提及的其他产业基地', 'Other bases the texts name'],
  sixBasesSource: ['依据', 'Source'],
  code: ['行政区划代码', 'Division code'],
  homeChain: ['磷矿石 → 新能源汽车 产业链（福泉市缺口）', 'Phosphate rock → new-energy vehicle chain (gaps in Fuquan)'],
  homeFirm: ['川恒股份', 'Chuanheng Chemical'],
  homePlace: ['福泉市', 'Fuquan'],
  homeGraph: ['贵州省关系图谱', 'Guizhou Province graph'],
  homePath: ['川恒股份与贵安新区的关联', 'How Chuanheng relates to Gui’an New Area'],
  notFoundPage: ['页面不存在', 'No such page'],
  navIngest: ['收录', 'Ingest'],
  ingestTitle: ['收录文章', 'Ingest an article'],
  ingestHint: ['粘贴文章，识别其中的实体和关系，逐条审核后写入图谱。', 'Paste an article; review the entities and relations found in it, one by one, into the graph.'],
  token: ['审核令牌', 'Curator token'],
  tokenHint: ['由 npm run token 生成；只保存在本次浏览会话中。', 'Made with npm run token; kept for this browser session only.'],
  articleText: ['正文', 'Text'],
  title: ['标题', 'Title'],
  publisher: ['发布方', 'Publisher'],
  date: ['日期', 'Date'],
  url: ['网址', 'URL'],
  ingestButton: ['收录', 'Ingest'],
  docDate: ['日期', 'Date'],
  entitiesFound: ['实体', 'Entities'],
  relationsFound: ['关系', 'Relations'],
  accept: ['接受', 'Accept'],
  reject: ['拒绝', 'Reject'],
  matched: ['已匹配', 'matched'],
  ambiguous: ['有歧义，请选择', 'ambiguous: pick one'],
  newEntity: ['新实体', 'new'],
  createNew: ['新建', 'create new'],
  stateP: ['待审', 'pending'],
  stateA: ['已接受', 'accepted'],
  stateR: ['已拒绝', 'rejected'],
  seeded: ['种子', 'seeded'],
  contributed: ['贡献', 'contributed'],
  history: ['历史', 'History'],
  superseded: ['已被取代', 'superseded'],
  retracted: ['已撤回', 'retracted'],
  documentText: ['原文', 'Document text'],
  openResult: ['查看', 'Open'],
} as const;

export type Key = keyof typeof STRINGS;
export const t = (key: Key, vars: Record<string, string> = {}): string =>
  STRINGS[key][lang === 'zh' ? 0 : 1].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');

export interface Named {
  name: string;
  nameEn?: string | null;
}
/** The name to show in the current language. */
export const nameOf = (e: Named): string => (lang === 'en' ? (e.nameEn ?? e.name) : e.name);
/** The other-language name, when it differs. */
export function altNameOf(e: Named): string | null {
  const alt = lang === 'en' ? e.name : e.nameEn;
  return alt && alt !== nameOf(e) ? alt : null;
}

/** Kinds come as enum values (FIRM) from fields and as labels (Firm, IndustrialBase) in error candidates. */
export const normKind = asKindEnum;

const KINDS: Record<KindEnum, [string, string]> = {
  FIRM: ['企业', 'Firm'],
  PLACE: ['地区', 'Place'],
  POLICY: ['政策', 'Policy'],
  INDUSTRIAL_BASE: ['产业基地', 'Industrial base'],
  PROJECT: ['项目', 'Project'],
  PRODUCT: ['产品', 'Product'],
  INDUSTRY: ['产业', 'Industry'],
  ORGANIZATION: ['机构', 'Organization'],
};
/** The kinds in the domain's order, as the API spells them (FIRM, INDUSTRIAL_BASE). */
export const KIND_ORDER: readonly KindEnum[] = ENTITY_KINDS.map(kindToEnum);
export const isKindEnum = (kind: string): kind is KindEnum => (KIND_ORDER as readonly string[]).includes(kind);
export const kindLabel = (kind: string): string => KINDS[normKind(kind) as KindEnum]?.[lang === 'zh' ? 0 : 1] ?? kind;

export const relationLabel = (type: string): string => relationTerm(type, lang);
export const relationDescriptionOf = (type: string): string | null => relationDescription(type, lang);
export const statusLabel = (status: string): string => termIn(STATUS_TERMS[status], lang, status.replace(/_/g, ' '));
export const placeKindLabel = (kind: string): string => termIn(PLACE_KIND_TERMS[kind], lang, kind.toLowerCase());
export const roleLabel = (role: string): string => termIn(ROLE_TERMS[role], lang, role.replace(/_/g, ' '));
export const measureLabel = (measure: string): string => termIn(MEASURE_TERMS[measure], lang, measure);
export const markLabel = (mark: 'joint' | 'siteNotStated'): string => MARK_TERMS[mark][lang];
/** A fact's or relation's label, or an entity's description, in the current language. */
export const localized = (en: string | null | undefined, zh: string | null | undefined): string | null => (lang === 'zh' ? (zh ?? en ?? null) : (en ?? zh ?? null));
