import * as OpenCC from 'opencc-js';

/**
 * The analysis view of an article: pinyin glosses removed, traditional folded to simplified, full-width
 * ASCII folded, Latin lower-cased, one character per kept character of the original. Every rule runs
 * on the view; `map` turns a view span back into a span of the original, so every quote is verbatim.
 */
export interface TextView {
  original: string;
  text: string;
  /** view index → original index */
  map: number[];
}

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
// A reading written after a word, as doc:000 does: 開(kāi), 國（guó）. Lower-case letters only, so (LFP) stays.
const GLOSS = /[(（][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}[)）]/g;
const HAS_VOWEL = /[aeiouvüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;

function foldChar(c: string): string {
  const code = c.charCodeAt(0);
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0).toLowerCase();
  if (code === 0x3000) return ' ';
  return c.toLowerCase().length === 1 ? c.toLowerCase() : c;
}

export function buildView(original: string): TextView {
  const drop = new Uint8Array(original.length);
  for (const m of original.matchAll(GLOSS)) {
    const before = original[m.index! - 1] ?? '';
    if (CJK.test(before) && HAS_VOWEL.test(m[0])) drop.fill(1, m.index!, m.index! + m[0].length);
  }
  const kept: string[] = [];
  const map: number[] = [];
  for (let i = 0; i < original.length; i++) {
    if (drop[i]) continue;
    const code = original.charCodeAt(i);
    // Keep surrogate pairs together (rare CJK extension characters) so offsets stay on characters.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < original.length) {
      kept.push(original.slice(i, i + 2));
      map.push(i, i + 1);
      i++;
      continue;
    }
    kept.push(original[i]);
    map.push(i);
  }
  const joined = kept.join('');
  // OpenCC maps characters and phrases to forms of the same length almost always; when a paragraph
  // does not, fall back to one character at a time so the view stays aligned with the original.
  const out: string[] = [];
  let cursor = 0;
  for (const para of joined.split(/(\n)/)) {
    const converted = toSimplified(para);
    if (converted.length === para.length) out.push(converted);
    else out.push([...para].map((c) => { const s = toSimplified(c); return s.length === c.length ? s : c; }).join(''));
    cursor += para.length;
  }
  const simplified = out.join('');
  let text = '';
  for (let i = 0; i < simplified.length; i++) text += foldChar(simplified[i]);
  if (text.length !== map.length || cursor !== map.length) throw new Error('text view lost alignment with the original');
  return { original, text, map };
}

/** The original text behind a view span [start, end). */
export function originalSpan(view: TextView, start: number, end: number): { quote: string; start: number; end: number } {
  const s = view.map[start];
  const e = view.map[end - 1] + 1;
  return { quote: view.original.slice(s, e), start: s, end: e };
}

export interface Span {
  start: number;
  end: number;
}
export interface Sentence extends Span {
  /** clauses of the sentence (split at ，,：:), in order */
  clauses: Span[];
  paragraph: number;
}

const SENTENCE_END = /[。！？!?；;]/;
const CLAUSE_END = /[，：:]/;
const CLOSERS = /[”’」』）)\]》"']/;

/** Sentences and clauses of the view, trimmed of spaces; a heading line is a sentence of its own. */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let start = 0;
  const push = (s: number, e: number) => {
    while (s < e && /\s/.test(text[s])) s++;
    while (e > s && /\s/.test(text[e - 1])) e--;
    if (e > s) sentences.push({ start: s, end: e, clauses: splitClauses(text, s, e), paragraph });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') {
      const before = sentences.length;
      push(start, i);
      start = i + 1;
      // Blank lines do not make paragraphs: a paragraph is a line with text in it.
      if (sentences.length > before || sentences[sentences.length - 1]?.paragraph === paragraph) paragraph++;
    } else if (SENTENCE_END.test(c)) {
      let e = i + 1;
      while (e < text.length && CLOSERS.test(text[e])) e++;
      push(start, e);
      start = e;
      i = e - 1;
    }
  }
  push(start, text.length);
  return sentences;
}

function splitClauses(text: string, start: number, end: number): Span[] {
  const clauses: Span[] = [];
  let s = start;
  for (let i = start; i < end; i++) {
    const c = text[i];
    // A comma between digits is a thousands separator (1,200), not a clause break.
    const isBreak = c === ',' ? !(/\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? '')) : CLAUSE_END.test(c);
    if (isBreak) {
      if (i > s) clauses.push({ start: s, end: i });
      s = i + 1;
    }
  }
  if (end > s) clauses.push({ start: s, end });
  return clauses;
}
