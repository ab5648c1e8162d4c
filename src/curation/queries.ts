import { Q } from '../db/queries.js';
import DataLoader from 'dataloader';
import type { GraphDb } from '../db/graph.js';
import { checkFirst, decodeCursor, pageOf } from '../services/paging.js';
import { BadInputError } from '../services/errors.js';
import { CANDIDATE_STATES, type CandidateRow, type CandidateState } from './model.js';
import type { AuditRow } from '../db/models.js';

export type { AuditRow };

/** Read side of curation: the review queue, the audit log and the history of statements. */

export async function reviewQueue(db: GraphDb, args: { state: CandidateState; document?: string | null; first: number; after?: string | null }) {
  checkFirst(args.first);
  if (!CANDIDATE_STATES.includes(args.state)) throw new BadInputError('state', `one of ${CANDIDATE_STATES.join(', ')}`);
  const offset = decodeCursor(args.after);
  const [row] = await db.read(Q.curationQueue, { state: args.state, document: args.document ?? null, offset, first: args.first });
  return pageOf(row.page, offset, row.total);
}

export async function candidatesByIds(db: GraphDb, ids: readonly string[]): Promise<(CandidateRow | null)[]> {
  const rows = await db.read(Q.curationCandidatesByIds, { ids: [...ids] });
  const byId = new Map(rows.map((r) => [r.candidate.id, r.candidate]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function auditLog(db: GraphDb, args: { curator?: string | null; since?: string | null; first: number; after?: string | null }) {
  checkFirst(args.first);
  if (args.since != null && Number.isNaN(Date.parse(args.since))) throw new BadInputError('since', 'an ISO date or time, like 2026-01-31 or 2026-01-31T08:00:00Z');
  const since = args.since == null ? null : new Date(args.since).toISOString();
  const offset = decodeCursor(args.after);
  const [row] = await db.read(Q.curationAuditLog, { curator: args.curator ?? null, since, offset, first: args.first });
  return pageOf(row.page, offset, row.total);
}

export interface Statement {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}

/** Per request: the statements of each (type, from, to), oldest first, batched into one round trip. */
export function historyLoader(db: GraphDb) {
  return new DataLoader<string, Statement[]>(async (ids) => {
    const items = ids.map((id) => {
      const [from, to, type] = id.split('|');
      return { from, to, type };
    });
    const rows = await db.read(Q.curationHistory, { items });
    const byId = new Map(rows.map((r) => [r.id, r.statements]));
    return items.map((item, i) => (byId.get(ids[i]) ?? []).map((s) => ({ ...item, props: s.props })));
  });
}
