import type { NamedQuery } from './catalogue.js';
import type { GraphDb, RunInTransaction } from './graph.js';

/**
 * Rewrites a maintained index (IN_AREA, PRODUCER_RANK) a page of ids per transaction: `page` lists
 * the next `size` ids after `after` in id order, `refresh` rewrites their rows. A repair, or the
 * catch-up after writes that went around the writers. Returns how many ids were refreshed.
 */
export async function rebuildInPages(
  db: GraphDb,
  index: { label: string; noun: string; page: NamedQuery<{ after: string; size: number }, { ids: string[] }>; refresh(run: RunInTransaction, ids: string[]): Promise<unknown> },
  options: { batch?: number; log?: (line: string) => void } = {},
): Promise<number> {
  const size = options.batch ?? 5_000;
  let after = '';
  let total = 0;
  for (;;) {
    const [page] = await db.read(index.page, { after, size });
    if (!page?.ids.length) return total;
    await db.writeAll(`${index.label} rebuild`, (run) => index.refresh(run, page.ids).then(() => undefined));
    total += page.ids.length;
    after = page.ids[page.ids.length - 1];
    options.log?.(`${index.label}: ${total.toLocaleString('en')} ${index.noun} rewritten`);
  }
}
