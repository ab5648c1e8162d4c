import { Jieba, type TaggedWord } from '@node-rs/jieba';
import { createRequire } from 'node:module';

/**
 * jieba (@node-rs/jieba, Rust jieba-rs via N-API; prebuilt binaries ship inside the npm packages, so
 * nothing is downloaded at run time). One instance per process: its default dictionary takes about
 * a second to load. Words of the graph are added as they appear; jieba cannot drop words, and a word
 * left over from a removed entity only keeps a name in one piece, which is harmless.
 */
const require = createRequire(import.meta.url);
let instance: Jieba | null = null;
const added = new Set<string>();

function jieba(): Jieba {
  if (!instance) {
    const { dict } = require('@node-rs/jieba/dict') as { dict: Uint8Array };
    instance = Jieba.withDict(dict);
  }
  return instance;
}

// High enough that a curated name is kept whole against the default dictionary's common words.
const USER_WORD_FREQUENCY = 200_000;

export function addUserWords(words: readonly { word: string; tag: string }[]): void {
  const fresh = words.filter((w) => !added.has(w.word));
  if (!fresh.length) return;
  jieba().loadDict(Buffer.from(fresh.map((w) => `${w.word} ${USER_WORD_FREQUENCY} ${w.tag}`).join('\n') + '\n', 'utf8'));
  for (const w of fresh) added.add(w.word);
}

export interface Token {
  word: string;
  tag: string;
  start: number;
  end: number;
}

/** Tokens with part-of-speech tags and their offsets in `text` (offsets from `base`). */
export function tokenize(text: string, base = 0): Token[] {
  const tagged: TaggedWord[] = jieba().tag(text, true);
  const tokens: Token[] = [];
  let cursor = 0;
  for (const t of tagged) {
    const at = text.indexOf(t.word, cursor);
    const start = at >= 0 ? at : cursor;
    tokens.push({ word: t.word, tag: t.tag, start: base + start, end: base + start + t.word.length });
    cursor = start + t.word.length;
  }
  return tokens;
}
