/**
 * The one unit vocabulary of the graph. A capacity is a rate (万吨/年) or an installed power (万千瓦);
 * an output is an amount (万吨) over the period stated next to it. The seed model rejects any other unit.
 */
export const CAPACITY_UNITS = ['万吨/年', '吨/年', '吉瓦时/年', '万只/年', '万千瓦', '兆瓦'] as const;
export const AMOUNT_UNITS = [
  // mass, energy, volume, area, length
  '万吨', '吨', '亿千瓦时', '万千瓦时', '吉瓦时', '亿立方米', '万平方米', '平方公里', '万亩', '亩', '米',
  // money
  '万亿元', '亿元', '万元',
  // counts
  '个', '家', '座', '台', '万台', '辆', '列', '万只', '万人', '人', '万户', '项', '种', '标箱', '期', '届', '位', '名', '年', '天',
  // ratios and indices
  '%', '‰', '个百分点', '点', 'PUE', 'EFLOPS',
] as const;
export const UNITS = [...CAPACITY_UNITS, ...AMOUNT_UNITS] as const;
export type Unit = (typeof UNITS)[number];

export const isCapacityUnit = (unit: string): boolean => (CAPACITY_UNITS as readonly string[]).includes(unit);

/** What a figure measures: a capacity only when the text says so (产能, 生产线, 装机); otherwise an output over a period. */
export const MEASURES = ['capacity', 'output'] as const;
export type Measure = (typeof MEASURES)[number];

/** Words that make a figure a capacity: 产能 / 生产线 / 产线 / 装机 in either script. */
export const CAPACITY_WORDS = /产能|產能|生产线|生產線|产线|產線|装机|裝機/;
