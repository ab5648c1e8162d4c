import type { GraphDb, RunInTransaction } from '../db/graph.js';
import { UserFacingError } from '../services/errors.js';

export type Run = RunInTransaction;

/**
 * One write transaction for one curation change. A UserFacingError thrown by `work` rolls the
 * transaction back (nothing is written) and reaches the client as itself, not as a masked failure.
 */
export async function inTransaction<T>(db: GraphDb, label: string, work: (run: Run) => Promise<T>): Promise<T> {
  let refusal: UserFacingError | null = null;
  let result: T | undefined;
  try {
    await db.writeAll(label, async (run) => {
      try {
        result = await work(run);
      } catch (error) {
        if (error instanceof UserFacingError) refusal = error;
        throw error;
      }
    });
  } catch (error) {
    if (refusal) throw refusal;
    throw error;
  }
  return result as T;
}

export class ConflictError extends UserFacingError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, 'CONFLICT', details);
  }
}
