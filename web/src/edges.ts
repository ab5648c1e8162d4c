/** How the explorer words a relation, the same in the entity's table, the path list and the graph's panel. */
import type { EdgeFacts } from './api.js';
import { formatAmount } from './dom.js';
import { localized, measureLabel, relationLabel, roleLabel, statusLabel } from './i18n.js';

/** The fields a relation is worded from (the entity view's relations have no from/to or sources here). */
export type Wordable = Pick<EdgeFacts, 'type' | 'role' | 'status' | 'capacity' | 'unit' | 'amount' | 'amountUnit' | 'label' | 'labelZh' | 'output'>;

/** Types whose curated label is the verb itself (the vocabulary's term would say nothing). */
const LABELLED_TYPES = new Set(['RELATED_TO', 'COOPERATES_WITH']);

/** The label of a relation in the current language (Chinese labels are curated next to the English ones). */
export const edgeText = (e: { label: string | null; labelZh?: string | null }): string | null => localized(e.label, e.labelZh);

/** The verb: the curated label of a free-form relation, else the relation type's term. */
export const edgeVerb = (e: Wordable): string => (LABELLED_TYPES.has(e.type) && e.label ? edgeText(e)! : relationLabel(e.type));

/** What else the relation says: role, status (unless shown as a badge), its label, output, capacity and amount. */
export function edgeDetails(e: Wordable, opts: { status?: boolean } = {}): string[] {
  const parts: string[] = [];
  if (e.role) parts.push(roleLabel(e.role));
  if (e.status && opts.status !== false) parts.push(statusLabel(e.status));
  if (e.label && !LABELLED_TYPES.has(e.type)) parts.push(edgeText(e)!);
  if (e.output != null) parts.push(`${measureLabel('output')} ${formatAmount(e.output)} ${e.unit ?? ''}`.trim());
  if (e.capacity !== null) parts.push(`${formatAmount(e.capacity)} ${e.unit ?? ''}`.trim());
  if (e.amount !== null) parts.push(`${formatAmount(e.amount)} ${e.amountUnit ?? ''}`.trim());
  return parts;
}

/** Verb and details in one line: 生产（运营中 · 10 万吨/年）. */
export function edgeSentence(e: Wordable): string {
  const extra = edgeDetails(e).join(' · ');
  return extra ? `${edgeVerb(e)}（${extra}）` : edgeVerb(e);
}
