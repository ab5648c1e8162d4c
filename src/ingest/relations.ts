import { RELATION_RULES, type RelationType } from '../seed/model.js';
import type { LadderStatus } from './extraction.js';
import type { EntityKind } from './kinds.js';
import type { Mention } from './recognize.js';
import { asYearly, findQuantities, type Quantity } from './units.js';
import type { Sentence, Span } from './view.js';
import {
  AT_PLACE_CUE,
  CAPACITY_AFTER_CUE,
  CAPACITY_CUE,
  CONCERN_CUE,
  DEVELOP_CUE,
  FIRM_ANAPHOR,
  INPUT_CUES,
  INVEST_CUE,
  ISSUE_CUE,
  LOCATED_CUE,
  PRODUCT_CUE,
  PROJECT_ANAPHOR,
  STATUS_CUES,
  SUBSIDIARY_CUE,
} from './cues.js';

/** A relation found in the view; the caller turns mentions into candidate names and ids. */
export interface RawRelation {
  type: RelationType;
  from: Mention;
  to: Mention;
  capacity?: number;
  unit?: string;
  amount?: number;
  amountUnit?: string;
  currency?: string;
  status?: LadderStatus;
  asOf?: string;
  /** view span of the evidence (whole clauses) */
  quote: Span;
  confidence: number;
}

const SUBJECT_KINDS: EntityKind[] = ['Firm', 'Project', 'Organization', 'IndustrialBase'];

function allows(type: RelationType, from: EntityKind, to: EntityKind): boolean {
  const rule = RELATION_RULES[type] as { from: readonly string[]; to: readonly string[] };
  return rule.from.includes(from) && rule.to.includes(to);
}

const sameEntity = (a: Mention, b: Mention) => (a.ids.length === 1 && b.ids.length === 1 ? a.ids[0] === b.ids[0] : a.name === b.name && a.kind === b.kind);

const LOCAL_PLACE_KINDS = new Set(['prefecture', 'county', 'district', 'park', 'town', 'new_area']);
/** P引进X: a place bringing a firm in; X在P举行: an event held in a place; P建成A、B: projects a place builds. */
const BRING_IN_CUE = /引进|招引|引入|吸引/;
const HELD_CUE = /在(?=[^，。；,]{2,16}?(举行|召开|举办|开幕|落幕))/g;
const BUILD_CUE = /建成|投运|建设|推进|打造|布局|新建/;
/** A是(…的)B: a product or industry said to be a kind of another; B即/包括A1、A2: the kinds listed. */
const COPULA_CUE = /是|属于|品种为|品种是/g;
const LISTING_CUE = /即|包括|主要有|涵盖|分别是/g;
const KINDISH: EntityKind[] = ['Product', 'Industry'];
const POLICY_HEADLINE = /印发|出台|发布|公布|解读|全文/;

export function findRelations(text: string, sentences: Sentence[], mentions: Mention[], title: string | null = null): RawRelation[] {
  const out: RawRelation[] = [];
  const bySentence = new Map<number, Mention[]>();
  for (const m of mentions) {
    const list = bySentence.get(m.sentence) ?? [];
    list.push(m);
    bySentence.set(m.sentence, list);
  }

  /** Whole clauses of the sentence covering the given positions: the quote of a relation. */
  const quoteOf = (s: Sentence, ...positions: number[]): Span => {
    const inside = positions.filter((p) => p >= s.start && p <= s.end);
    const lo = Math.min(...inside);
    const hi = Math.max(...inside);
    const first = s.clauses.find((c) => c.end >= lo) ?? s.clauses[0];
    const last = [...s.clauses].reverse().find((c) => c.start <= hi) ?? s.clauses[s.clauses.length - 1];
    return { start: first.start, end: Math.max(last.end, first.end) };
  };

  /** The nearest status cue to `anchor` within the sentence (ties go to the cue before). */
  const statusNear = (s: Sentence, anchor: number): LadderStatus | undefined => {
    const body = text.slice(s.start, s.end);
    let best: { status: LadderStatus; distance: number } | undefined;
    for (const cue of STATUS_CUES) {
      for (const m of body.matchAll(cue.pattern)) {
        const at = s.start + m.index!;
        const distance = at <= anchor ? anchor - at : (at - anchor) * 1.5;
        if (!best || distance < best.distance) best = { status: cue.status, distance };
      }
    }
    return best?.status;
  };
  const yearOf = (s: Sentence): string | undefined => text.slice(s.start, s.end).match(/((?:19|20)\d{2})年/)?.[1];

  /** The firm a sentence without one talks about: the last firm named earlier in the paragraph. */
  // The topic of a Chinese paragraph is usually the subject of its earlier sentence: the first firm there.
  const topicBefore = (index: number, kind: EntityKind): Mention | undefined => {
    for (let k = index - 1; k >= 0 && k >= index - 4; k--) {
      if (sentences[index].paragraph - sentences[k].paragraph > 1) break;
      const found = (bySentence.get(k) ?? []).filter((m) => m.kind === kind).sort((a, b) => a.start - b.start);
      if (found.length) return found[0];
    }
    return undefined;
  };
  const lastFirmBefore = (index: number) => topicBefore(index, 'Firm');

  const push = (r: RawRelation) => {
    if (sameEntity(r.from, r.to) || !allows(r.type, r.from.kind, r.to.kind)) return;
    out.push(r);
  };

  sentences.forEach((s, si) => {
    const ms = (bySentence.get(si) ?? []).sort((a, b) => a.start - b.start);
    const body = text.slice(s.start, s.end);
    const before = (pos: number, kinds: EntityKind[]) => [...ms].reverse().find((m) => m.end <= pos && kinds.includes(m.kind));
    const after = (pos: number, kinds: EntityKind[]) => ms.find((m) => m.start >= pos && kinds.includes(m.kind));
    const asOf = yearOf(s);
    // A clause that starts with 该公司/公司/其 talks about the firm of the paragraph.
    const clauseAnaphor = (pos: number) => {
      const clause = s.clauses.find((c) => c.start <= pos && c.end >= pos) ?? s;
      return FIRM_ANAPHOR.test(text.slice(clause.start, pos));
    };
    const explicitAnaphor = s.clauses.some((c) => FIRM_ANAPHOR.test(text.slice(c.start, c.end)));
    const anaphoric = explicitAnaphor || !ms.some((m) => m.kind === 'Firm' || m.kind === 'Project');
    /** The sentence's own firm (its first), else the paragraph's. */
    const topicFirm = () => ms.find((m) => m.kind === 'Firm') ?? lastFirmBefore(si);
    const hasInputCue = INPUT_CUES.some(({ pattern }) => new RegExp(pattern.source).test(body));
    /** Nearest mention of `kinds` before pos that is not a partner (与B签约: B is not the subject). */
    const subjectBefore = (pos: number, kinds: EntityKind[]) => [...ms].reverse().find((m) => m.end <= pos && kinds.includes(m.kind) && !/[与和同跟向]$/.test(text.slice(Math.max(s.start, m.start - 1), m.start)));

    // LOCATED_IN: 位于/落户/坐落于…, 在P建设…
    for (const cue of [...body.matchAll(LOCATED_CUE), ...body.matchAll(AT_PLACE_CUE)]) {
      const at = s.start + cue.index!;
      const cueEnd = at + cue[0].length;
      let place = after(cueEnd, ['Place']);
      if (place && place.start - cueEnd > 12) place = undefined;
      // 位于息烽县小寨坝工业园区: the most specific place of a written chain.
      for (let next = place && after(place.end, ['Place']); place && next && next.start - place.end <= 1; next = after(next.end, ['Place'])) place = next;
      // 位于P的X: the subject follows the place.
      const subjects: Mention[] = [];
      const prev = before(at, SUBJECT_KINDS);
      const clauseStart = s.clauses.find((c) => c.start <= at && c.end >= at)?.start ?? s.start;
      if (place && text.slice(place.end, place.end + 1) === '的') {
        const next = after(place.end, SUBJECT_KINDS);
        if (next && next.start - place.end <= 2) subjects.push(next);
      }
      if (!subjects.length && clauseAnaphor(at)) {
        const topic = topicFirm();
        if (topic) subjects.push(topic);
      }
      if (!subjects.length && prev) {
        // Every subject named in the clause before the cue: A、B、C等企业落户.
        for (const m of ms) if (m.end <= at && m.start >= Math.min(clauseStart, prev.start) && SUBJECT_KINDS.includes(m.kind)) subjects.push(m);
      }
      if (!subjects.length) {
        const next = place ? after(place.end, SUBJECT_KINDS) : undefined;
        if (next) subjects.push(next);
      }
      if (!place && subjects.length) place = before(subjects[0].start, ['Place']);
      if (!place) continue;
      for (const subject of subjects) {
        push({ type: 'LOCATED_IN', from: subject, to: place, quote: quoteOf(s, subject.start, place.end, at), confidence: cue[0] === '在' ? 0.55 : 0.75 });
      }
    }

    // P引进X (等企业落户): the firms a place brings in lie there.
    const bring = body.match(BRING_IN_CUE);
    if (bring) {
      const at = s.start + bring.index!;
      const place = before(at, ['Place']);
      if (place) for (const firm of ms.filter((m) => m.kind === 'Firm' && m.start > at)) push({ type: 'LOCATED_IN', from: firm, to: place, quote: quoteOf(s, place.start, firm.end), confidence: 0.55 });
    }
    // X在P举行: an event or forum held in a place.
    for (const cue of body.matchAll(HELD_CUE)) {
      const at = s.start + cue.index!;
      const place = after(at, ['Place']);
      const event = before(at, ['Organization', 'Project']);
      if (place && event) push({ type: 'LOCATED_IN', from: event, to: place, quote: quoteOf(s, event.start, place.end), confidence: 0.55 });
    }
    // P建成投运A、B、C: projects a place builds lie in it.
    const build = body.match(BUILD_CUE);
    if (build) {
      const at = s.start + build.index!;
      const place = before(at, ['Place']);
      const clause = s.clauses.find((c) => c.start <= at && c.end >= at);
      if (place && clause && place.start >= clause.start) {
        for (const project of ms.filter((m) => m.kind === 'Project' && m.start > at && m.start < clause.end)) {
          push({ type: 'LOCATED_IN', from: project, to: place, quote: quoteOf(s, place.start, project.end), confidence: 0.45 });
        }
      }
    }

    // KIND_OF: 磷酸铁锂是电动汽车的电池正极材料; 主导产业，即生态茶、冷水鱼、中药材.
    if (!hasInputCue) {
      for (const cue of body.matchAll(COPULA_CUE)) {
        const at = s.start + cue.index!;
        const clause = s.clauses.find((c) => c.start <= at && c.end >= at);
        if (!clause) continue;
        const a = before(at, KINDISH);
        const inClause = ms.filter((m) => KINDISH.includes(m.kind) && m.start > at && m.end <= clause.end);
        const b = inClause[inClause.length - 1];
        if (a && b && a.start >= clause.start && a.kind === b.kind && text.slice(b.end, clause.end).replace(/[。！？；;!?”"’]/g, '').length <= 2) {
          push({ type: 'KIND_OF', from: a, to: b, quote: quoteOf(s, a.start, b.end), confidence: 0.5 });
        }
      }
      for (const cue of body.matchAll(LISTING_CUE)) {
        const at = s.start + cue.index!;
        const general = before(at, KINDISH);
        if (!general || at - general.end > 12) continue;
        const nextBreak = s.clauses.find((c) => c.start > at)?.end ?? s.end;
        for (const item of ms.filter((m) => m.kind === general.kind && m.start > at && m.end <= nextBreak)) {
          push({ type: 'KIND_OF', from: item, to: general, quote: quoteOf(s, general.start, item.end), confidence: 0.45 });
        }
      }
    }

    // WITHIN: a place written right after another (瓮安县龙塘工业园区, 黔南州福泉市).
    for (let k = 0; k + 1 < ms.length; k++) {
      const a = ms[k];
      const b = ms[k + 1];
      if (a.kind === 'Place' && b.kind === 'Place' && (b.start === a.end || (b.start === a.end + 1 && text[a.end] === '的'))) {
        push({ type: 'WITHIN', from: b, to: a, quote: quoteOf(s, a.start, b.end), confidence: b.source === 'pattern' ? 0.7 : 0.5 });
      }
    }

    // PRODUCES with a capacity: 年产10万吨磷酸铁, 磷酸铁产能10万吨, 120万吨/年.
    const quantities = findQuantities(body).map((q) => ({ ...q, start: q.start + s.start, end: q.end + s.start }));
    for (const q of quantities) {
      if (q.dimension === 'money' || q.dimension === 'area') continue;
      const lead = text.slice(Math.max(s.start, q.start - 8), q.start);
      const trail = text.slice(q.end, q.end + 6);
      if (!CAPACITY_CUE.test(lead) && !q.unit.endsWith('/年') && !CAPACITY_AFTER_CUE.test(trail)) continue;
      let product = after(q.end, ['Product']);
      if (product && product.start - q.end > 6) product = undefined;
      product ??= before(q.start, ['Product']);
      if (!product) continue;
      let producer = before(Math.min(q.start, product.start), ['Firm', 'Project']);
      const containing = ms.find((m) => m.kind === 'Project' && m.start <= q.start && m.end >= q.end);
      if (containing) producer = containing;
      let confidence = 0.8;
      if (!producer) {
        producer = after(q.end, ['Project', 'Firm']);
        confidence = 0.65;
      }
      if (!producer && anaphoric) {
        producer = clauseAnaphor(q.start) ? topicFirm() : lastFirmBefore(si);
        confidence = 0.5;
      }
      if (!producer) continue;
      push({
        type: 'PRODUCES',
        from: producer,
        to: product,
        capacity: q.value,
        unit: asYearly(q),
        status: statusNear(s, q.start),
        asOf,
        quote: quoteOf(s, producer.sentence === si ? producer.start : q.start, q.end, product.end),
        confidence,
      });
    }

    // PRODUCES without a figure: 主要产品是X, 生产X.
    const productCue = hasInputCue ? null : body.match(PRODUCT_CUE);
    if (productCue) {
      const cueAt = s.start + productCue.index!;
      const producer = before(cueAt, ['Firm']) ?? (clauseAnaphor(cueAt) ? topicFirm() : undefined);
      if (producer) {
        for (const product of ms.filter((m) => m.kind === 'Product' && m.start >= cueAt)) {
          if (out.some((r) => r.type === 'PRODUCES' && sameEntity(r.from, producer) && sameEntity(r.to, product))) continue;
          push({ type: 'PRODUCES', from: producer, to: product, status: statusNear(s, product.start), asOf, quote: quoteOf(s, producer.sentence === si ? producer.start : cueAt, product.end), confidence: 0.45 });
        }
      }
    }

    // SUBSIDIARY_OF: A是B的全资子公司, B全资子公司A, B旗下的A.
    for (const cue of body.matchAll(SUBSIDIARY_CUE)) {
      const at = s.start + cue.index!;
      const owner = before(at, ['Firm', 'Organization']);
      if (!owner) continue;
      let child = after(at + cue[0].length, ['Firm', 'Organization']);
      if (child && child.start - (at + cue[0].length) > 4) child = undefined;
      if (!child) {
        const between = text.slice(0, owner.start);
        const isPattern = /是$/.test(between) || /是$/.test(text.slice(s.start, owner.start));
        const earlier = before(owner.start, ['Firm', 'Organization']);
        if (earlier && (isPattern || /为|是/.test(text.slice(earlier.end, owner.start)))) child = earlier;
      }
      if (child) push({ type: 'SUBSIDIARY_OF', from: child, to: owner, quote: quoteOf(s, owner.start, child.end, at), confidence: 0.75 });
    }

    // INVESTS_IN: 总投资50亿元的X项目, A投资X亿元建设Y项目.
    for (const cue of body.matchAll(INVEST_CUE)) {
      const at = s.start + cue.index!;
      const amount = quantities.find((q) => q.dimension === 'money' && q.start >= at && q.start - (at + cue[0].length) <= 4);
      let project = after(at, ['Project']) ?? before(at, ['Project']);
      let projectConfidence = 0;
      if (!project && PROJECT_ANAPHOR.test(body)) {
        project = topicBefore(si, 'Project');
        projectConfidence = -0.15;
      }
      if (!project) continue;
      let investor = subjectBefore(Math.min(at, project.sentence === si ? project.start : at), ['Firm', 'Organization']);
      let confidence = (amount ? 0.75 : 0.5) + projectConfidence;
      if (!investor && (anaphoric || projectConfidence < 0)) {
        investor = topicFirm();
        confidence -= 0.2;
      }
      if (!investor) continue;
      push({
        type: 'INVESTS_IN',
        from: investor,
        to: project,
        ...(amount ? { amount: amount.value, amountUnit: amount.unit, currency: amount.currency } : {}),
        status: statusNear(s, at),
        asOf,
        quote: quoteOf(s, investor.sentence === si ? investor.start : at, project.sentence === si ? project.end : at, amount?.end ?? at),
        confidence,
      });
    }

    // INPUT_TO: A是B的原料, A用于生产B, 以A为原料生产B, B的原料是A.
    for (const { pattern, order } of INPUT_CUES) {
      for (const cue of body.matchAll(pattern)) {
        const at = s.start + cue.index!;
        const end = at + cue[0].length;
        let input: Mention | undefined;
        let output: Mention | undefined;
        if (order === 'both-before') {
          input = before(at, ['Product']);
          output = ms.find((m) => m.kind === 'Product' && m.start >= at && m.end <= end);
        } else if (order === 'before-after') {
          input = before(at, ['Product']);
          output = after(end, ['Product']);
        } else if (order === 'yi-wei') {
          input = ms.find((m) => m.kind === 'Product' && m.start >= at && m.end <= end);
          output = after(end, ['Product']);
        } else {
          output = before(at, ['Product']);
          input = after(end, ['Product']);
        }
        if (input && output) push({ type: 'INPUT_TO', from: input, to: output, quote: quoteOf(s, input.start, output.end, at), confidence: 0.7 });
      }
    }

    // Policies: what a title names (《关于支持福泉发展磷化工产业的意见》), what the sentence says it concerns, who issued it.
    for (const policy of ms.filter((m) => m.kind === 'Policy')) {
      for (const m of ms) {
        if (m === policy || m.kind === 'Policy' || m.kind === 'Organization') continue;
        const inside = m.start >= policy.start && m.end <= policy.end;
        if (inside) push({ type: 'CONCERNS', from: policy, to: m, quote: quoteOf(s, policy.start, policy.end), confidence: 0.7 });
        else if (CONCERN_CUE.test(body) && ['Place', 'Industry', 'IndustrialBase', 'Product'].includes(m.kind) && m.start > policy.end) {
          push({ type: 'CONCERNS', from: policy, to: m, quote: quoteOf(s, policy.start, m.end), confidence: 0.4 });
        }
      }
      if (ISSUE_CUE.test(body)) {
        const issuer = before(policy.start, ['Organization']);
        if (issuer) push({ type: 'ISSUED_BY', from: policy, to: issuer, quote: quoteOf(s, issuer.start, policy.end), confidence: 0.6 });
      }
    }

    // DEVELOPS: a place that develops (发展/打造/培育) an industry.
    const develop = body.match(DEVELOP_CUE);
    if (develop) {
      const at = s.start + develop.index!;
      const place = before(at, ['Place']);
      if (place) {
        for (const industry of ms.filter((m) => m.kind === 'Industry' && m.start > place.end)) {
          push({ type: 'DEVELOPS', from: place, to: industry, quote: quoteOf(s, place.start, industry.end), confidence: 0.45 });
        }
      }
    }
  });
  // A body's or firm's name starts with where it is: 麻江县人民检察院 lies in 麻江县. For firms only
  // local places count (贵州川恒化工 says nothing about which county).
  for (const m of mentions) {
    if (m.kind !== 'Organization' && m.kind !== 'Firm') continue;
    const prefix = mentions.filter((p) => p.kind === 'Place' && p.start >= m.start && p.end < m.end && (m.kind === 'Organization' || LOCAL_PLACE_KINDS.has(p.placeKind ?? '') || p.source === 'pattern')).sort((a, b) => b.end - a.end)[0];
    if (!prefix || !/^[\s\S]*$/.test(text.slice(m.start, prefix.start))) continue;
    const s = sentences[m.sentence];
    push({ type: 'LOCATED_IN', from: m, to: prefix, quote: quoteOf(s, m.start, m.end), confidence: 0.5 });
  }

  // A policy announcement (印发…方案) is about what its body names: the policy its opening quotes
  // concerns the places, industries, products and projects of the whole text.
  const headline = title ?? text.slice(sentences[0]?.start ?? 0, sentences[0]?.end ?? 0);
  const early = mentions.filter((m) => m.kind === 'Policy' && m.sentence <= 3).sort((a, b) => a.start - b.start);
  // The policy written as a title (《…》) is the one announced; a slogan in the headline is not.
  const opening = early.find((m) => text[m.start - 1] === '《' && text[m.end] === '》') ?? early[0];
  if (opening && (POLICY_HEADLINE.test(headline) || /(方案|意见|规划|办法|计划)/.test(headline))) {
    for (const m of mentions) {
      if (m.sentence <= opening.sentence || !['Place', 'Industry', 'Product', 'Project', 'IndustrialBase'].includes(m.kind)) continue;
      const s = sentences[m.sentence];
      push({ type: 'CONCERNS', from: opening, to: m, quote: quoteOf(s, m.start, m.end), confidence: 0.35 });
    }
  }
  return dedupe(out);
}

/** One candidate per fact: the most confident reading of the same type, ends and figures. */
function dedupe(relations: RawRelation[]): RawRelation[] {
  const key = (r: RawRelation) => [r.type, r.from.ids.join('|') || r.from.name, r.to.ids.join('|') || r.to.name, r.capacity ?? '', r.unit ?? '', r.amount ?? '', r.status ?? ''].join('\u0001');
  const best = new Map<string, RawRelation>();
  for (const r of relations) {
    const k = key(r);
    const seen = best.get(k);
    if (!seen || r.confidence > seen.confidence) best.set(k, r);
  }
  return [...best.values()];
}

export type { Quantity };
