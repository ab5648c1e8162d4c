/**
 * Bounds of one article, in one place: the CLI, the `extract` query and the cost limits of the API
 * read them from here. The longest seed document is about 23 KB; a news article rarely passes 30 KB.
 */
export const MAX_ARTICLE_BYTES = 256 * 1024;
/** Shorter than this (after trimming) is not an article. */
export const MIN_ARTICLE_CHARS = 2;
