import type { Context } from '../../context.js';
import { kindToEnum } from '../../kinds.js';
import { BadInputError } from '../../../services/errors.js';
import { ArticleInputError, extractArticle } from '../../../ingest/extract.js';
import { MAX_ARTICLE_BYTES } from '../../../ingest/limits.js';

interface Args {
  text: string;
  document?: { title?: string | null; publisher?: string | null; date?: string | null; url?: string | null } | null;
}

const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
const META_MAX = 500;

/** `extract`: the ingest extraction over the API. Reads the graph's names; writes nothing. */
export async function extract(_: unknown, args: Args, ctx: Context) {
  // Checked before any work, so an oversized request costs nothing (the limit lives in src/ingest/limits.ts).
  if (args.text.length > MAX_ARTICLE_BYTES) throw new BadInputError('text', `article too large: the limit is ${MAX_ARTICLE_BYTES} bytes`);
  const meta = args.document ?? {};
  for (const [field, value] of Object.entries(meta)) {
    if (typeof value === 'string' && value.length > META_MAX) throw new BadInputError(`document.${field}`, `at most ${META_MAX} characters`);
  }
  if (meta.date && !DATE.test(meta.date)) throw new BadInputError('document.date', 'a date like 2024-05-18 (or 2024-05, 2024)');
  try {
    const extraction = await extractArticle(ctx.db, args.text, meta);
    return { ...extraction, entities: extraction.entities.map((e) => ({ ...e, kind: kindToEnum(e.kind) })) };
  } catch (error) {
    if (error instanceof ArticleInputError) throw new BadInputError('text', error.message);
    throw error;
  }
}
