import { CAPACITY_WORDS } from './units.js';

/**
 * A capacity stands only on a quote that calls the figure one (产能, 生产线, 装机); any other figure
 * is an output over a period. The one statement of that rule: the seed loader and curation both ask it.
 */
export const CAPACITY_QUOTE_RULE = 'a capacity needs a quote that says so (产能, 生产线, 装机); otherwise it is an output';

/** True when the fact carries no capacity, or one of its quotes says it is a capacity. */
export function capacityIsQuoted(capacity: number | null | undefined, quotes: readonly (string | null | undefined)[]): boolean {
  return capacity == null || quotes.some((quote) => !!quote && CAPACITY_WORDS.test(quote));
}
