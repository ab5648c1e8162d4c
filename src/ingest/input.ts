import { createHash } from 'node:crypto';
import { MAX_ARTICLE_BYTES, MIN_ARTICLE_CHARS } from './limits.js';

/** The article cannot be read as text; the message is one line meant for the person who sent it. */
export class ArticleInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ArticleInputError';
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

// Control characters other than tab, line feed and carriage return do not occur in prose.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * The text every offset and quote refers to: decoded as strict UTF-8, BOM removed, line ends as \n,
 * NFC. Throws ArticleInputError on empty, binary, too large or invalid UTF-8 input.
 */
export function normalizeArticle(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (bytes > MAX_ARTICLE_BYTES) {
    throw new ArticleInputError(`article too large: ${bytes} bytes, the limit is ${MAX_ARTICLE_BYTES} bytes (${MAX_ARTICLE_BYTES / 1024} KiB)`);
  }
  let text: string;
  if (typeof input === 'string') {
    if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(input)) {
      throw new ArticleInputError('article is not valid Unicode text (lone surrogate)');
    }
    text = input.replace(/^\ufeff/, '');
  } else {
    try {
      text = strictUtf8.decode(input);
    } catch {
      throw new ArticleInputError('article is not valid UTF-8 (save it as UTF-8 text)');
    }
  }
  if (text.includes('\u0000')) throw new ArticleInputError('article looks binary (it contains NUL bytes), not text');
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > 0 && controls > text.length / 100) {
    throw new ArticleInputError(`article looks binary (${controls} control characters), not text`);
  }
  text = text.replace(CONTROL, '').replace(/\r\n?/g, '\n').normalize('NFC');
  if (text.trim().length < MIN_ARTICLE_CHARS) throw new ArticleInputError('article is empty');
  return text;
}

/** The document's identity: sha256 (hex) of the normalized text as UTF-8. */
export const sha256Of = (normalized: string): string => createHash('sha256').update(normalized, 'utf8').digest('hex');
