import type { LadderStatus } from './extraction.js';

/**
 * Cue words, one list per rule. Status cues map to the status ladder; the nearest cue to the fact's
 * anchor (a capacity, an amount) decides, so 签约…计划年产 is planned and 建成…年产 is operating.
 */
export const STATUS_CUES: { status: LadderStatus; pattern: RegExp }[] = [
  { status: 'planned', pattern: /规划|计划|拟建|拟|目标|力争|将建|将于|预计|争取|谋划|远期|设计产能|指向/g },
  { status: 'signed', pattern: /签约|签订|签署|签下|达成合作/g },
  { status: 'under_construction', pattern: /开工|在建|建设中|正在建设|加快建设|动工|开建|施工|推进建设|启动建设/g },
  { status: 'trial', pattern: /试产|试生产|试运行|试投产|调试|试车/g },
  { status: 'operating', pattern: /投产|达产|建成|投运|运营|已实现|量产|满产|年产达|已形成|现有|出货/g },
];

export const LOCATED_CUE = /位于|落户|坐落于|坐落在|地处|选址|入驻|扎根|总部设在|总部位于|布局在|设在|建于/g;
/** 在P建设/投资/新建…: a place after 在, then a building verb */
export const AT_PLACE_CUE = /在(?=[^，。；,]{2,20}?(建设|投资|新建|建成|开工|布局|设立|投建|兴建|打造))/g;
export const CAPACITY_CUE = /年产|产能|产量|产销量|出货量|年处理|生产能力|规模|年加工|装机|年生产/;
export const CAPACITY_AFTER_CUE = /^(的)?(生产线|产能|装置|项目|规模)/;
export const PRODUCT_CUE = /主要的?产品|主营|生产|产品|制造|量产|出口|目标[是也]?(做|指向|生产|进军)/;
export const SUBSIDIARY_CUE = /(全资|控股|参股)?子公司|旗下/g;
export const INVEST_CUE = /总投资|计划投资|拟投资|投资|投入|出资|注资/g;
export const INPUT_CUES: { pattern: RegExp; order: 'before-after' | 'both-before' | 'yi-wei' | 'after-before' }[] = [
  // A是B的(主要)原料 / 前驱体
  { pattern: /是(.{1,20}?)的(主要|重要|关键|核心)?(原料|原材料|前驱体|上游材料|基础原料)/g, order: 'both-before' },
  // A用于生产B
  { pattern: /(用于|可用于|主要用于)(生产|制造|制备|合成)/g, order: 'before-after' },
  // 以A为原料(生产)B
  { pattern: /以(.{1,20}?)为(主要)?(原料|原材料)/g, order: 'yi-wei' },
  // B的原料是A
  { pattern: /的(主要)?(原料|原材料)(是|为|包括|来自)/g, order: 'after-before' },
];
export const ISSUE_CUE = /印发|出台|发布|制定|颁布|下发/;
export const DEVELOP_CUE = /发展|打造|培育|壮大|构建|做大做强|做强|布局|聚焦|主导产业|首位产业|特色产业/;
export const CONCERN_CUE = /关于|支持|推动|促进|聚焦|加快|推进|围绕|针对|涉及|明确|提出|打造|建设/;
/** References to a firm already named: 该公司, 公司, 集团, 企业, 其 */
export const FIRM_ANAPHOR = /^(该公司|该企业|该集团|公司|集团|企业|其)/;
/** References to a project already named: 该项目, 项目 */
export const PROJECT_ANAPHOR = /(该项目|项目建成|项目投产|项目总投资|^项目)/;
