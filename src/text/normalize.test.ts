import { describe, expect, it } from 'vitest';
import { pinyinOf, quoteForm, searchKey, searchKeysFor, toSimplified, toTraditional } from './normalize.js';

describe('text normalization', () => {
  it('gives one key for simplified, traditional, toned and spaced pinyin input', () => {
    expect(searchKey('川恆')).toBe(searchKey('川恒'));
    expect(searchKey('Chuánhéng')).toBe('chuanheng');
    expect(searchKey('Fu Quan')).toBe(searchKey('fuquan'));
    expect(searchKey("Gui'an New Area")).toBe('guiannewarea');
  });

  it('derives pinyin keys from Chinese names', () => {
    expect(pinyinOf('川恒')).toBe('chuanheng');
    expect(searchKeysFor(['福泉市'])).toEqual(expect.arrayContaining(['福泉市', 'fuquanshi']));
  });

  it('converts between scripts with OpenCC', () => {
    expect(toSimplified('貴州產業')).toBe('贵州产业');
    expect(toTraditional('贵州产业')).toBe('貴州產業');
  });

  it('ignores pinyin glosses and whitespace when checking quotes', () => {
    expect(quoteForm('富礦精開(kāi), 勇闖 新路')).toBe('富礦精開,勇闖新路');
  });
});
