import type { NamedQuery } from '../../src/db/catalogue.js';
import { checkedParams } from '../../src/db/graph.js';

/** A statement a by-hand script runs on a raw session: its text and parameters, and what to call it. */
export type StatementCase = [label: string, query: { text: string }, params: Record<string, unknown>];

/**
 * A catalogue query as a by-hand script runs it (test/bench/plans.ts, test/load/cypher-mix.ts): its
 * parameters typed by the catalogue, so a parameter a query gains or loses fails the typecheck there,
 * and checked before the run as GraphDb.read checks them (checkedParams: keys it does not take dropped).
 */
export const catalogueCase = <P, R>(label: string, query: NamedQuery<P, R>, params: P): StatementCase => [label, query, checkedParams(query, params)];
