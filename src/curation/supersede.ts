import { STATUS_LADDER } from '../ingest/extraction.js';

/** Facts whose newer statement replaces the older one (Wikidata: the newest gets the preferred rank). */
export const SUPERSEDABLE_TYPES = ['PRODUCES', 'INVESTS_IN'];

/** A sortable key for dates written as 2024, 2024-04, 2024-04-26 or "2024 Q1-Q3"; null when there is none. */
export function dateKey(value: unknown): string | null {
  const match = typeof value === 'string' ? /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value.trim()) : null;
  return match ? `${match[1]}-${match[2] ?? '00'}-${match[3] ?? '00'}` : null;
}

const ladderRank = (status: unknown): number => STATUS_LADDER.indexOf((typeof status === 'string' ? status : 'operating') as (typeof STATUS_LADDER)[number]);

export interface Statement {
  rel: Record<string, unknown>;
  /** Date of the statement's first source document, when the statement has no asOf. */
  docDate: string | null;
}

/**
 * Keys of the current statements a new one supersedes: same type and ends (and production place when both state one),
 * strictly older by asOf, and — for production — not further along the status ladder than the new one
 * (a newly announced plan does not replace a line already operating; operating replaces its plan).
 */
export function supersededKeys(type: string, fresh: Record<string, unknown>, existing: Statement[]): string[] {
  if (!SUPERSEDABLE_TYPES.includes(type)) return [];
  const freshDate = dateKey(fresh.asOf);
  if (!freshDate) return [];
  return existing
    .filter(({ rel, docDate }) => {
      if (rel.superseded === true || rel.key === fresh.key) return false;
      const oldDate = dateKey(rel.asOf) ?? dateKey(docDate);
      if (!oldDate || oldDate >= freshDate) return false;
      if (type !== 'PRODUCES') return true;
      // Two places stated and different: two plants, not two statements about one.
      const samePlace = rel.at == null || fresh.at == null || rel.at === fresh.at;
      return samePlace && ladderRank(fresh.status) >= ladderRank(rel.status);
    })
    .map(({ rel }) => String(rel.key));
}
