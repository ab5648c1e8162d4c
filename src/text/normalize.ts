import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const toSimplifiedConverter = OpenCC.Converter({ from: 't', to: 'cn' });
const toTraditionalConverter = OpenCC.Converter({ from: 'cn', to: 't' });

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
// doc:000 glosses words with their reading, e.g. 開(kāi); the gloss is not part of the text.
const PINYIN_GLOSS = /\([a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]+\)/g;
const SEPARATORS = /[\s'’‘`\-_.,，。·・:：;；!！?？()（）[\]【】{}"“”《》〈〉<>、\/|+&]+/g;

export const hasCjk = (text: string): boolean => CJK.test(text);
export const stripPinyinGlosses = (text: string): string => text.replace(PINYIN_GLOSS, '');
export const toSimplified = (text: string): string => toSimplifiedConverter(text);
export const toTraditional = (text: string): string => toTraditionalConverter(text);

/** Text as the quote check sees it: glosses and all whitespace removed, characters untouched. */
export function quoteForm(text: string): string {
  return stripPinyinGlosses(text).replace(/\s+/g, '');
}

/** Toneless pinyin of the CJK characters, other characters kept, no spaces: 川恒 → chuanheng. */
export function pinyinOf(text: string): string {
  return pinyin(toSimplified(text), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: false })
    .join('')
    .toLowerCase();
}

/** Spaced, toned pinyin for display: 瓮安 → wèng ān. */
export function displayPinyin(text: string): string {
  return pinyin(toSimplified(text), { toneType: 'symbol' });
}

/**
 * The key a name is matched by, whatever script it was typed in: simplified characters,
 * lower case, no tone marks, no spaces or punctuation. 川恆 → 川恒, "Fu Quan" → fuquan, Chuánhéng → chuanheng.
 */
export function searchKey(text: string): string {
  const simplified = toSimplified(stripPinyinGlosses(text.normalize('NFC')));
  return simplified
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/ü/g, 'u')
    .replace(SEPARATORS, '');
}

/** Every key an entity answers to: each name's own key, and for Chinese names their pinyin. */
export function searchKeysFor(names: readonly string[]): string[] {
  const keys = new Set<string>();
  for (const name of names) {
    const key = searchKey(name);
    if (key) keys.add(key);
    if (hasCjk(name)) keys.add(searchKey(pinyinOf(name)));
  }
  return [...keys];
}
