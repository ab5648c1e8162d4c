import type { EntityKind } from './kinds.js';
import { leftmostLongest } from './aho-corasick.js';
import { foldForm, type Gazetteer } from './gazetteer.js';
import { tokenize, type Token } from './segmenter.js';
import type { Sentence, TextView } from './view.js';

/**
 * Entity mentions in the analysis view: names the graph knows (Aho–Corasick over every name and
 * alias), and names it does not yet know, found by the shape Chinese names have (a firm ends in
 * 有限公司/集团, a park in 工业园区/开发区, a project in 项目, a policy sits in 《》 and ends in
 * 意见/方案/规划…). Offsets are view offsets; the caller maps them back to the original.
 */
export interface Mention {
  start: number;
  end: number;
  kind: EntityKind;
  /** the entities this surface names in the graph (0: new, 2+: ambiguous) */
  ids: string[];
  /** the name as a candidate: the graph's name when known, else the surface (simplified) */
  name: string;
  source: 'dictionary' | 'pattern' | 'alias';
  sentence: number;
  /** for a known place: its placeKind (county, park, …) */
  placeKind?: string | null;
}

const FIRM_SUFFIXES = ['股份有限公司', '有限责任公司', '有限公司', '股份公司', '集团公司', '集团', '公司', '股份', '银行', '电厂', '发电厂', '酒厂', '工厂', '厂'];
const ORG_SUFFIXES = ['人民政府', '政府', '管理委员会', '管委会', '委员会', '发展改革委', '发改委', '统计局', '工信局', '投促局', '农业农村厅', '局', '厅', '商会', '协会', '联合会', '研究院', '研究所', '大学', '学院', '交易所', '检察院', '法院', '海关'];
const PARK_SUFFIXES = ['高新技术产业开发区', '经济技术开发区', '经济开发区', '工业集中区', '综合保税区', '工业园区', '产业园区', '开发区', '高新区', '工业园', '产业园', '物流园', '示范区', '保税区', '园区', '新区'];
const PLACE_SUFFIX_CHARS = new Set(['省', '市', '县', '区', '州', '镇', '乡']);
const POLICY_WORDS = /(意见|方案|规划|办法|政策|通知|条例|计划|纲要|决定|措施|规定|目录|细则|标准|战略|指南|法)$/;
const INDUSTRY_SUFFIXES = ['产业', '行业'];
const INDUSTRY_STOP = new Set(['发展', '支持', '推动', '推进', '培育', '壮大', '打造', '做强', '做大', '加快', '主导', '首位', '特色', '优势', '传统', '新兴', '相关', '全省', '全市', '全县', '我省']);

/** Tags of tokens that may be part of a proper name (place, person, organisation, other proper noun, unknown). */
const NAME_TAGS = new Set(['ns', 'nr', 'nrt', 'nrfg', 'nz', 'nt', 'n', 'x', 'j', 'eng', 'ng', 'an', 'b', 'l', 'i']);
/** Words that never start a name: determiners, qualities of a firm, counts. */
const GENERIC_START = /^(该|本|其|此|这|那|全资|控股|子|母|上市|民营|国有|国企|龙头|企业|一家|这家|多家|新|老|原|各|多|某|旗下|下属|相关|重点|重大|一批|首家|知名|大型|公司|集团|记者|董事长|总经理|负责人|我省|全省|全市|全县|我市|我县|本地|当地)$/;
/** Words firm names are made of whatever jieba tags them (控股 is a verb to jieba): 开磷控股(集团)有限责任公司. */
const FIRM_NAME_PARTS = new Set(['控股', '集团', '股份', '有限', '有限责任', '实业', '科技', '能源', '材料', '新材料', '化工', '矿业', '电力', '新能源', '物流', '贸易', '发展', '产业', '环保']);
/** Words between a park's name and its zone word: 开阳/经济/开发区, 龙山/工业/园区. */
const PARK_MODIFIERS = new Set(['经济', '技术', '经济技术', '高新', '高新技术', '产业', '工业', '农业', '科技', '物流', '现代', '综合', '生态', '循环', '化工', '新材料']);
const STOP_WORDS = new Set(['的', '和', '与', '及', '或', '等', '在', '是', '为', '由', '于', '将', '向', '对', '把', '被', '从', '到', '与', '同', '跟', '以', '并', '也', '都', '已', '又', '还', '让', '使', '给', '引进', '落户', '位于', '签约', '投资', '建设', '生产', '年产', '产能', '包括', '如', '有', '是', '旗下']);

const isPunct = (w: string) => /^[\s\p{P}\p{S}]+$/u.test(w);

function endsWithAny(word: string, suffixes: readonly string[]): string | null {
  for (const s of suffixes) if (word.endsWith(s)) return s;
  return null;
}

/**
 * Extends a suffix token leftwards over name-like tokens: 贵州/川恒化工/股份/有限公司 from 有限公司.
 * Returns the index of the first token, or -1 when nothing name-like precedes the suffix.
 */
function extendLeft(tokens: Token[], suffixIndex: number, opts: { maxTokens: number; maxChars: number; tags?: Set<string>; blocked?: (t: Token) => boolean; parts?: Set<string>; stop?: Set<string> }): number {
  const tags = opts.tags ?? NAME_TAGS;
  const stop = opts.stop ?? STOP_WORDS;
  let first = suffixIndex;
  let chars = 0;
  for (let i = suffixIndex - 1; i >= 0 && suffixIndex - i <= opts.maxTokens; i--) {
    const t = tokens[i];
    if (isPunct(t.word) && !/^[()（）]$/.test(t.word)) break;
    if (stop.has(t.word) || opts.blocked?.(t)) break;
    if (!tags.has(t.tag) && !/^[()（）]$/.test(t.word) && !opts.parts?.has(t.word)) break;
    chars += t.word.length;
    if (chars > opts.maxChars) break;
    first = i;
  }
  // Drop leading generic words (该公司, 全资子公司 are references, not names) and unbalanced brackets.
  while (first < suffixIndex && (GENERIC_START.test(tokens[first].word) || /^[()（）]$/.test(tokens[first].word))) first++;
  return first < suffixIndex ? first : -1;
}

interface Draft {
  start: number;
  end: number;
  kind: EntityKind;
  ids: string[];
  source: Mention['source'];
  priority: number;
}

const isLatin = (c: string | undefined) => !!c && /[a-z0-9]/.test(c);

export interface Recognition {
  mentions: Mention[];
  tokens: Token[][];
}

export function recognize(view: TextView, sentences: Sentence[], gazetteer: Gazetteer): Recognition {
  const text = view.text;
  const tokens = sentences.map((s) => tokenize(text.slice(s.start, s.end), s.start));
  const boundaries = new Set<number>();
  for (const ts of tokens) for (const t of ts) boundaries.add(t.start).add(t.end);
  const sentenceAt = (pos: number) => {
    let lo = 0;
    let hi = sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (sentences[mid].start <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const kindOf = (ids: readonly string[]): EntityKind | null => {
    const kinds = new Set(ids.map((id) => gazetteer.entities.get(id)?.kind).filter(Boolean));
    return kinds.size ? ([...kinds][0] as EntityKind) : null;
  };
  const drafts: Draft[] = [];

  // 1. Names the graph knows.
  for (const hit of gazetteer.matcher.search(text)) {
    if (/[a-z]/.test(hit.pattern[0]) && (isLatin(text[hit.start - 1]) || isLatin(text[hit.end]))) continue;
    // A one-character name (锰, 铝, 川) counts only as an item of an enumeration: 锰、磷、铝、重晶石、煤.
    if (hit.end - hit.start === 1) {
      const enumerated = (c: string | undefined) => c === undefined || /[、，,。；;：:\s]/.test(c);
      if (!(enumerated(text[hit.start - 1]) && enumerated(text[hit.end])) || !(text[hit.start - 1] === '、' || text[hit.end] === '、')) continue;
    }
    // A two-character name must be a word of its own, not half of another word (开阳 in 开阳光).
    if (hit.end - hit.start <= 2 && /[\u3400-\u9fff]/.test(hit.pattern) && !(boundaries.has(hit.start) && boundaries.has(hit.end))) continue;
    const kind = kindOf(hit.values);
    if (!kind) continue;
    drafts.push({ start: hit.start, end: hit.end, kind, ids: [...hit.values], source: 'dictionary', priority: 2 });
  }

  // 2. Names by their shape.
  const known = (start: number, end: number): string[] => gazetteer.byForm.get(foldForm(text.slice(start, end))) ?? [];
  const pushPattern = (start: number, end: number, kind: EntityKind, priority = 1) => {
    if (end - start < 2) return;
    const ids = known(start, end);
    const knownKind = kindOf(ids);
    drafts.push({ start, end, kind: knownKind ?? kind, ids, source: ids.length ? 'dictionary' : 'pattern', priority: ids.length ? 2 : priority });
  };
  tokens.forEach((ts) => {
    ts.forEach((t, i) => {
      // Firms and organisations: extend the suffix over the name before it.
      const firmSuffix = endsWithAny(t.word, FIRM_SUFFIXES);
      const orgSuffix = !firmSuffix ? endsWithAny(t.word, ORG_SUFFIXES) : null;
      if (firmSuffix || orgSuffix) {
        // Absorb a following suffix: 股份/有限公司, 集团/有限公司, (集团)/有限责任公司.
        let last = i;
        while (last + 1 < ts.length && (endsWithAny(ts[last + 1].word, FIRM_SUFFIXES) || /^[()（）]$/.test(ts[last + 1].word) || ts[last + 1].word === '集团')) last++;
        while (last > i && /^[()（）]$/.test(ts[last].word)) last--;
        if (firmSuffix && ts[i - 1] && endsWithAny(ts[i - 1].word, FIRM_SUFFIXES)) return; // inner part of a longer suffix
        const ownName = t.word.length > (firmSuffix ?? orgSuffix)!.length;
        const first = extendLeft(ts, i, { maxTokens: 7, maxChars: 18, parts: FIRM_NAME_PARTS });
        const start = first >= 0 ? ts[first].start : ownName && !GENERIC_START.test(t.word.slice(0, -(firmSuffix ?? orgSuffix)!.length)) ? t.start : -1;
        if (start < 0) return;
        const bare = ['公司', '厂', '股份', '银行', '局', '厅'].includes(firmSuffix ?? orgSuffix ?? '');
        // A bare 公司/局 needs a real name before it (two characters at least).
        if (bare && t.start - start < 2 && !ownName) return;
        pushPattern(start, ts[last].end, firmSuffix ? 'Firm' : 'Organization');
        return;
      }
      // Parks and zones: a name of one or two tokens before the zone word.
      const parkSuffix = endsWithAny(t.word, PARK_SUFFIXES);
      if (parkSuffix) {
        let core = i;
        while (core > 0 && PARK_MODIFIERS.has(ts[core - 1].word)) core--;
        // An administrative unit before a park is where the park lies, not its name: 瓮安县/龙塘工业园区.
        const adminUnit = (x: Token) => x.word.length >= 2 && PLACE_SUFFIX_CHARS.has(x.word[x.word.length - 1]) && (x.tag === 'ns' || known(x.start, x.end).length > 0);
        // One-character nouns are parts of park names (小寨/坝), longer ones are words (经济, 产业).
        const parkPart = (x: Token) => adminUnit(x) || (['n', 'ng'].includes(x.tag) && x.word.length > 1);
        const first = extendLeft(ts, core, { maxTokens: 3, maxChars: 8, tags: new Set(['ns', 'nz', 'x', 'nr', 'j', 'nt', 'n', 'ng']), blocked: parkPart });
        if (first >= 0) pushPattern(ts[first].start, t.end, 'Place');
        else if (t.word.length >= parkSuffix.length + 2 && !GENERIC_START.test(t.word.slice(0, -parkSuffix.length))) pushPattern(t.start, t.end, 'Place');
        return;
      }
      // Administrative places jieba knows as place names: 瓮安县, 黔南州.
      if (t.tag === 'ns' && t.word.length >= 2 && PLACE_SUFFIX_CHARS.has(t.word[t.word.length - 1])) pushPattern(t.start, t.end, 'Place', 0);
      // Industries: 磷化工产业, 新能源材料产业.
      const industrySuffix = endsWithAny(t.word, INDUSTRY_SUFFIXES);
      if (industrySuffix) {
        const first = extendLeft(ts, i, { maxTokens: 3, maxChars: 8, tags: new Set(['n', 'nz', 'an', 'b', 'l', 'eng', 'x', 'j']), stop: INDUSTRY_STOP });
        const start = first >= 0 ? ts[first].start : t.word.length > industrySuffix.length + 1 ? t.start : -1;
        if (start < 0) return;
        // 磷化工产业 is the graph's 磷化工: the industry word is not part of the name.
        const bare = known(start, t.end - industrySuffix.length);
        if (bare.length) drafts.push({ start, end: t.end, kind: kindOf(bare) ?? 'Industry', ids: bare, source: 'dictionary', priority: 2 });
        else pushPattern(start, t.end, 'Industry', 0);
      }
    });
  });

  // Policies: a 《title》 that names a plan, an opinion, a programme…
  for (const m of text.matchAll(/《([^《》\n]{2,80})》/g)) {
    if (POLICY_WORDS.test(m[1])) pushPattern(m.index! + 1, m.index! + 1 + m[1].length, 'Policy', 3);
  }

  // 3. One reading: longer names win; at equal span a known entity beats a shape guess.
  drafts.sort((a, b) => a.start - b.start || b.end - a.end || b.priority - a.priority);
  const unique = drafts.filter((d, i) => i === 0 || d.start !== drafts[i - 1].start || d.end !== drafts[i - 1].end);
  const policies = unique.filter((d) => d.kind === 'Policy' && d.source !== 'dictionary');
  const chosen = leftmostLongest(unique.filter((d) => !policies.includes(d)));
  // A policy title is a container: the places and industries named inside it stay mentions (for CONCERNS).
  // Places and firms named inside a longer name are mentions too: 黔东南州麻江县人民检察院 names 麻江县,
  // 中航重机总部 (a project) names 中航重机.
  const NESTS: Partial<Record<EntityKind, EntityKind[]>> = { Place: ['Firm', 'Organization', 'Project', 'IndustrialBase'], Firm: ['Project', 'IndustrialBase'] };
  const nestedPlaces = leftmostLongest(
    unique.filter((d) => d.source === 'dictionary' && NESTS[d.kind] && chosen.some((c) => NESTS[d.kind]!.includes(c.kind) && c.start <= d.start && c.end >= d.end && c.end - c.start > d.end - d.start)),
  );
  const flat = [...chosen, ...policies, ...nestedPlaces].sort((a, b) => a.start - b.start);

  let mentions: Mention[] = flat.map((d) => ({
    start: d.start,
    end: d.end,
    kind: d.kind,
    ids: d.ids,
    name: d.ids.length === 1 ? gazetteer.entities.get(d.ids[0])!.name : displayName(view, d.start, d.end),
    source: d.source,
    sentence: sentenceAt(d.start),
    placeKind: d.ids.length === 1 ? gazetteer.entities.get(d.ids[0])!.placeKind : null,
  }));

  // 4a. Products the graph does not know, where the sentence says a product follows: after a
  // capacity (年产12万吨钛白粉) or 主要产品是 (主要产品是钛白粉).
  mentions = mentions.concat(productMentions(view, tokens, mentions, gazetteer, sentenceAt));
  // 4. Projects: 项目 with what precedes it (a capacity, a product), stopping at a firm or place.
  mentions = mentions.concat(projectMentions(view, tokens, mentions, gazetteer, sentenceAt));
  // 5. Short names a text defines for itself: 贵州川恒化工股份有限公司（以下简称“川恒股份”）.
  mentions = applyDefinedAliases(view, mentions, sentenceAt);
  // 6. A new firm's brand, written alone later: 胜威 for 贵州胜威化工集团.
  mentions = applyBrands(view, mentions, gazetteer, boundaries, sentenceAt);
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return { mentions, tokens };
}

/** The candidate name of a new entity: the simplified surface, as the graph writes names. */
export function displayName(view: TextView, start: number, end: number): string {
  const surface = view.text.slice(start, end);
  // The view is lower-cased; Latin parts keep the original's case.
  const original = view.original.slice(view.map[start], view.map[end - 1] + 1).replace(/[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]/g, '');
  return /[a-z]/.test(surface) ? original : surface;
}

// 年产/建设 belong to a project's name (年产5万吨磷酸铁锂项目, 余热发电建设项目).
const PROJECT_STOP = new Set([...STOP_WORDS].filter((w) => !['年产', '建设', '投资'].includes(w)));
const PROJECT_ACTIONS = new Set(['投资', '建设', '新建', '实施', '推进', '开工', '签约', '引进', '计划', '拟', '总投资', '亿元', '万元']);
const PROJECT_GENERIC = /^(重点|重大|一批|各类|相关|这些|该|本|此|等|新建|在建|续建|招商|产业|工业|建设)$/;

function projectMentions(view: TextView, tokens: Token[][], mentions: Mention[], gazetteer: Gazetteer, sentenceAt: (p: number) => number): Mention[] {
  const out: Mention[] = [];
  const hard = mentions.filter((m) => m.kind === 'Firm' || m.kind === 'Place' || m.kind === 'Organization' || m.kind === 'Project');
  const blocked = (t: Token) => hard.some((m) => t.start < m.end && t.end > m.start);
  for (const ts of tokens) {
    ts.forEach((t, i) => {
      if (!t.word.endsWith('项目') || t.word.length > 6) return;
      const first = extendLeft(ts, i, { maxTokens: 8, maxChars: 26, tags: new Set([...NAME_TAGS, 'm', 'q', 'vn', 'mq']), blocked, stop: PROJECT_STOP });
      if (first < 0) return;
      let s = first;
      // 投资12亿元建设年产…项目: the name starts after the last action word before it.
      for (let k = first; k < i - 1; k++) if (PROJECT_ACTIONS.has(ts[k].word) || /元$/.test(ts[k].word)) s = k + 1;
      while (s < i && PROJECT_GENERIC.test(ts[s].word)) s++;
      if (s >= i || ts[i].start - ts[s].start < 3) return;
      const start = ts[s].start;
      const ids = gazetteer.byForm.get(foldForm(view.text.slice(start, t.end))) ?? [];
      out.push({ start, end: t.end, kind: 'Project', ids, name: ids.length === 1 ? gazetteer.entities.get(ids[0])!.name : displayName(view, start, t.end), source: ids.length ? 'dictionary' : 'pattern', sentence: sentenceAt(start) });
    });
  }
  return out;
}

const PRODUCT_TAGS = new Set(['n', 'nz', 'x', 'eng', 'nrt', 'j', 'l', 'ng', 'b']);
const NOT_PRODUCT = /^(生产线|项目|装置|产能|车间|基地|工厂|规模|产品|能力|市场|企业|公司|集团|左右|以上|多|余|目标|品种|产量|产值)$/;
const PRODUCT_LEAD = /(年产|产能|产量|年加工|年生产|主要的?产品(就)?[是为有]|主营|品种[为是])(达|为|约|超过|突破)?$/;

function productMentions(view: TextView, tokens: Token[][], mentions: Mention[], gazetteer: Gazetteer, sentenceAt: (p: number) => number): Mention[] {
  const out: Mention[] = [];
  const taken = (a: number, b: number) => [...mentions, ...out].some((m) => m.start < b && m.end > a);
  for (const ts of tokens) {
    for (let i = 0; i < ts.length; i++) {
      const lead = view.text.slice(Math.max(0, ts[i].start - 8), ts[i].start);
      // After 年产…万吨 (a figure and its unit), or right after 主要产品是.
      let k = i;
      if (/年产|产能|产量|年加工|年生产/.test(lead.slice(-6)) && ts[i].tag === 'm') {
        while (k < ts.length && (ts[k].tag === 'm' || ts[k].tag === 'q' || /^(万|亿|吨|万吨|台|辆|套|只|件|\/|年)$/.test(ts[k].word))) k++;
      } else if (!PRODUCT_LEAD.test(lead) || /产能|产量|年产/.test(lead.slice(-3))) continue;
      if (ts[k]?.word === '的') k++;
      // A product the graph knows is right there (年产1.2万吨的工业级磷酸一铵): nothing to guess.
      if (!ts[k] || mentions.some((m) => m.kind === 'Product' && m.start >= ts[k].start && m.start - ts[k].start <= 6)) continue;
      let end = k;
      while (end < ts.length && end - k < 4 && PRODUCT_TAGS.has(ts[end].tag) && !NOT_PRODUCT.test(ts[end].word) && !STOP_WORDS.has(ts[end].word)) end++;
      if (end === k) continue;
      const start = ts[k].start;
      const stop = ts[end - 1].end;
      if (stop - start < 2 || stop - start > 10 || taken(start, stop)) continue;
      const ids = gazetteer.byForm.get(foldForm(view.text.slice(start, stop))) ?? [];
      out.push({ start, end: stop, kind: 'Product', ids, name: ids.length === 1 ? gazetteer.entities.get(ids[0])!.name : displayName(view, start, stop), source: ids.length ? 'dictionary' : 'pattern', sentence: sentenceAt(start) });
    }
  }
  return out;
}

const LEGAL_SUFFIX = /(股份有限公司|有限责任公司|有限公司|股份公司|集团公司|集团|公司|股份)$/;
const TRADE_WORD = /(新能源|新材料|化工|科技|能源|材料|矿业|实业|电力|物流|贸易|环保|农业|食品|茶业|酒业|电子|电路|汽车|发展|控股|投资|建设|产业)+$/;

/** The brand of a firm name: without the place it starts with, its trade words and legal form. */
export function brandOf(name: string, placePrefix: string): string | null {
  let core = name.replace(/[(（][^)）]*[)）]/g, '');
  if (placePrefix && core.startsWith(placePrefix)) core = core.slice(placePrefix.length);
  for (let i = 0; i < 3; i++) core = core.replace(LEGAL_SUFFIX, '').replace(TRADE_WORD, '');
  return [...core].length >= 2 && [...core].length <= 4 && /^[\u3400-\u9fff]+$/.test(core) ? core : null;
}

function applyBrands(view: TextView, mentions: Mention[], gazetteer: Gazetteer, boundaries: Set<number>, sentenceAt: (p: number) => number): Mention[] {
  const out = [...mentions];
  const firms = mentions.filter((m) => m.kind === 'Firm' && m.source === 'pattern');
  const seen = new Set<string>();
  for (const firm of firms) {
    const text = view.text.slice(firm.start, firm.end);
    const place = mentions.find((p) => p.kind === 'Place' && p.start === firm.start && p.end < firm.end);
    const placePrefix = place ? view.text.slice(place.start, place.end) : (text.match(/^(贵州省?|中国)/)?.[0] ?? '');
    const brand = brandOf(text, placePrefix);
    if (!brand || seen.has(brand) || gazetteer.byForm.has(brand)) continue;
    seen.add(brand);
    for (let at = view.text.indexOf(brand, firm.end); at >= 0; at = view.text.indexOf(brand, at + brand.length)) {
      const end = at + brand.length;
      if (!boundaries.has(at) || out.some((x) => x.start < end && x.end > at)) continue;
      out.push({ ...firm, start: at, end, source: 'alias', sentence: sentenceAt(at) });
    }
  }
  return out;
}

const ALIAS_DEFINITION = /[(（](?:以下简称|下称|简称|以下称)[“"「『]?([^”"」』）)]{2,12})[”"」』]?[)）]/g;

function applyDefinedAliases(view: TextView, mentions: Mention[], sentenceAt: (p: number) => number): Mention[] {
  const out = [...mentions];
  for (const m of view.text.matchAll(ALIAS_DEFINITION)) {
    const owner = [...mentions].reverse().find((x) => x.end <= m.index! && m.index! - x.end <= 1);
    if (!owner) continue;
    const alias = m[1];
    // The definition itself is a mention of the owner too.
    let from = m.index!;
    for (;;) {
      const at = view.text.indexOf(alias, from);
      if (at < 0) break;
      from = at + alias.length;
      const overlapping = out.filter((x) => x.start < at + alias.length && x.end > at);
      // The defined short name wins over shorter guesses inside it (川恒 inside 川恒股份).
      if (overlapping.some((x) => x.end - x.start > alias.length)) continue;
      for (const x of overlapping) out.splice(out.indexOf(x), 1);
      out.push({ ...owner, start: at, end: at + alias.length, source: 'alias', sentence: sentenceAt(at) });
    }
  }
  return out;
}
