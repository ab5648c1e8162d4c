import { describe, expect, it } from 'vitest';
import { asYearly, findQuantities, parseChineseInteger, parseNumber } from './units.js';

describe('Chinese numerals', () => {
  it('reads numerals with and without unit characters', () => {
    expect(parseChineseInteger('十五')).toBe(15);
    expect(parseChineseInteger('十')).toBe(10);
    expect(parseChineseInteger('一百二十')).toBe(120);
    expect(parseChineseInteger('两千')).toBe(2000);
    expect(parseChineseInteger('三万五千')).toBe(35000);
    expect(parseChineseInteger('一千零五')).toBe(1005);
    expect(parseChineseInteger('二〇二四')).toBe(2024);
    expect(parseChineseInteger('十五吨')).toBeNull();
    expect(parseNumber('1,200')).toBe(1200);
    expect(parseNumber('1.2')).toBe(1.2);
  });
});

describe('quantities in the graph’s units', () => {
  const one = (text: string) => {
    const found = findQuantities(text);
    expect(found, text).toHaveLength(1);
    return found[0];
  };
  it('normalizes mass to 万吨 and a yearly rate to 万吨/年', () => {
    expect(one('年产1.2万吨磷酸铁')).toMatchObject({ value: 1.2, unit: '万吨', dimension: 'mass' });
    expect(one('年产十五万吨')).toMatchObject({ value: 15, unit: '万吨' });
    expect(one('产能120万吨/年')).toMatchObject({ value: 120, unit: '万吨/年' });
    expect(one('4000吨抹茶')).toMatchObject({ value: 0.4, unit: '万吨' });
    expect(asYearly(one('年产10万吨'))).toBe('万吨/年');
    expect(asYearly(one('产能120万吨/年'))).toBe('万吨/年');
  });
  it('normalizes money to 亿元 with its currency', () => {
    expect(one('总投资50亿元')).toMatchObject({ value: 50, unit: '亿元', currency: 'CNY' });
    expect(one('投资8000万元')).toMatchObject({ value: 0.8, unit: '亿元' });
    expect(one('十亿元')).toMatchObject({ value: 10, unit: '亿元' });
    expect(one('2万亿元')).toMatchObject({ value: 20000, unit: '亿元' });
    expect(one('投资3亿美元')).toMatchObject({ value: 3, currency: 'USD' });
  });
  it('normalizes power and energy, keeps measure words of counts', () => {
    expect(one('装机150万千瓦')).toMatchObject({ value: 150, unit: '万千瓦' });
    expect(one('装机300兆瓦')).toMatchObject({ value: 30, unit: '万千瓦' });
    expect(one('年产5万辆')).toMatchObject({ value: 5, unit: '万辆' });
    expect(one('12辆')).toMatchObject({ value: 12, unit: '辆' });
  });
  it('does not read words as figures', () => {
    expect(findQuantities('三元正极材料')).toEqual([]);
    expect(findQuantities('建成一套生产线')).toEqual([]);
  });
});
