/**
 * Numbers in Chinese notation and the units the graph uses, in one module so the unit vocabulary can
 * be aligned with seed/data in one place. Capacities are stored as the seed does: mass per year in
 * 万吨/年, money in 亿元, energy in 亿千瓦时, power in 万千瓦; counts keep their measure word.
 */

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 壹: 1, 二: 2, 两: 2, 贰: 2, 三: 3, 叁: 3, 四: 4, 肆: 4, 五: 5, 伍: 5, 六: 6, 陆: 6, 七: 7, 柒: 7, 八: 8, 捌: 8, 九: 9, 玖: 9 };
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const BIG_UNITS: Record<string, number> = { 万: 1e4, 亿: 1e8 };

export const CHINESE_NUMERAL_CHARS = '零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万亿';

/** 十五 → 15, 一百二十 → 120, 两千 → 2000, 三万五千 → 35000, 一二〇 → 120; null when not a numeral. */
export function parseChineseInteger(text: string): number | null {
  if (!text || [...text].some((c) => !(c in DIGITS) && !(c in SMALL_UNITS) && !(c in BIG_UNITS))) return null;
  // Digit-by-digit notation (二〇二四) has no unit characters.
  if ([...text].every((c) => c in DIGITS)) return Number([...text].map((c) => DIGITS[c]).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of text) {
    if (c in DIGITS) digit = DIGITS[c];
    else if (c in SMALL_UNITS) {
      section += (digit || 1) * SMALL_UNITS[c];
      digit = 0;
    } else {
      section += digit;
      total = (total + section) * BIG_UNITS[c];
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

/** A number as written: Arabic (1,200 / 1.2 / full-width digits already folded) or Chinese numerals. */
export function parseNumber(text: string): number | null {
  const t = text.replace(/,/g, '');
  if (/^\d+(\.\d+)?$/.test(t)) return Number(t);
  return parseChineseInteger(t);
}

export type Dimension = 'mass' | 'money' | 'energy' | 'power' | 'count' | 'area' | 'volume';

interface UnitRule {
  /** the written unit, after any 万/亿 multiplier */
  written: string;
  dimension: Dimension;
  /** factor to the base unit of the dimension (tonne, yuan, kWh, kW, piece, mu, m³) */
  factor: number;
  currency?: string;
}

/** Written units, longest first when matched. */
const UNIT_RULES: UnitRule[] = ([
  { written: '吨', dimension: 'mass', factor: 1 },
  { written: 't', dimension: 'mass', factor: 1 },
  { written: '千克', dimension: 'mass', factor: 0.001 },
  { written: '公斤', dimension: 'mass', factor: 0.001 },
  { written: '元', dimension: 'money', factor: 1, currency: 'CNY' },
  { written: '元人民币', dimension: 'money', factor: 1, currency: 'CNY' },
  { written: '美元', dimension: 'money', factor: 1, currency: 'USD' },
  { written: '欧元', dimension: 'money', factor: 1, currency: 'EUR' },
  { written: '千瓦时', dimension: 'energy', factor: 1 },
  { written: '度', dimension: 'energy', factor: 1 },
  { written: 'kwh', dimension: 'energy', factor: 1 },
  { written: '兆瓦时', dimension: 'energy', factor: 1e3 },
  { written: 'mwh', dimension: 'energy', factor: 1e3 },
  { written: '吉瓦时', dimension: 'energy', factor: 1e6 },
  { written: 'gwh', dimension: 'energy', factor: 1e6 },
  { written: '千瓦', dimension: 'power', factor: 1 },
  { written: 'kw', dimension: 'power', factor: 1 },
  { written: '兆瓦', dimension: 'power', factor: 1e3 },
  { written: 'mw', dimension: 'power', factor: 1e3 },
  { written: '吉瓦', dimension: 'power', factor: 1e6 },
  { written: 'gw', dimension: 'power', factor: 1e6 },
  { written: '亩', dimension: 'area', factor: 1 },
  { written: '立方米', dimension: 'volume', factor: 1 },
  { written: '方', dimension: 'volume', factor: 1 },
  ...['辆', '台', '套', '只', '件', '片', '颗', '块', '个', '座', '标箱', '箱', '瓶', '条', '组', '支'].map((w) => ({ written: w, dimension: 'count' as const, factor: 1 })),
] as UnitRule[]).sort((a, b) => b.written.length - a.written.length);

/** The unit each dimension is stored in, and the base-unit factor of that unit. */
const CANONICAL: Record<Exclude<Dimension, 'count'>, { unit: string; factor: number }> = {
  mass: { unit: '万吨', factor: 1e4 },
  money: { unit: '亿元', factor: 1e8 },
  energy: { unit: '亿千瓦时', factor: 1e8 },
  power: { unit: '万千瓦', factor: 1e4 },
  area: { unit: '万亩', factor: 1e4 },
  volume: { unit: '亿立方米', factor: 1e8 },
};

export interface Quantity {
  value: number;
  unit: string;
  dimension: Dimension;
  currency?: string;
  /** where the quantity was written, in the string it was read from */
  start: number;
  end: number;
}

const NUMBER = `(\\d+(?:,\\d{3})*(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS.replace(/[万亿]/g, '')}]+)`;
const MULTIPLIER = '(万亿|亿|万|千|百)?';
const UNIT_ALTERNATION = UNIT_RULES.map((u) => u.written).join('|');
/** number, optional 多/余 (more than), multiplier, optional 多/余, unit, optional /年 or 每年 */
export const QUANTITY_PATTERN = new RegExp(`${NUMBER}\\s*(?:多|余)?${MULTIPLIER}(?:多|余)?\\s*(${UNIT_ALTERNATION})(\\s*/\\s*年|每年)?`, 'gi');

const MULTIPLIER_VALUE: Record<string, number> = { 万亿: 1e12, 亿: 1e8, 万: 1e4, 千: 1e3, 百: 100 };

/** Rounds away binary noise (0.1 + 0.2) while keeping every digit a text can carry. */
const tidy = (n: number): number => Number(n.toPrecision(12));

/** Every quantity in `text` (simplified, lower-cased view), normalized to the graph's units. */
export function findQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(QUANTITY_PATTERN)) {
    const number = parseNumber(m[1]);
    if (number === null) continue;
    // One Chinese numeral with no multiplier is a word, not a figure: 三元 (ternary), 一套, 两台.
    if (!/\d/.test(m[1]) && m[1].length === 1 && !m[2]) continue;
    const rule = UNIT_RULES.find((u) => u.written === m[3].toLowerCase());
    if (!rule) continue;
    const base = number * (m[2] ? MULTIPLIER_VALUE[m[2]] : 1) * rule.factor;
    const perYear = Boolean(m[4]);
    let value: number;
    let unit: string;
    if (rule.dimension === 'count') {
      value = base >= 1e4 && base % 1e4 === 0 ? base / 1e4 : base;
      unit = (value !== base ? '万' : '') + rule.written;
    } else {
      value = base / CANONICAL[rule.dimension].factor;
      unit = CANONICAL[rule.dimension].unit;
    }
    if (perYear) unit += '/年';
    out.push({ value: tidy(value), unit, dimension: rule.dimension, currency: rule.currency, start: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** A production capacity is a yearly figure: 年产10万吨 is 10 万吨/年. */
export function asYearly(q: Quantity): string {
  return q.unit.endsWith('/年') || q.dimension === 'money' ? q.unit : `${q.unit}/年`;
}
