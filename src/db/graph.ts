import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import type { NamedQuery } from './catalogue.js';
import { schemaStatements } from './queries.js';

/** Neo4j could not be reached or refused the work; resolvers turn this into a masked error. */
export class GraphUnavailableError extends Error {}
/** The request's time budget ran out, or its client went away: its Cypher was cancelled. */
export class GraphTimeoutError extends Error {}
export class GraphQueryError extends Error {
  constructor(readonly queryName: string, cause: unknown) {
    super(`Cypher query '${queryName}' failed: ${(cause as Error).message}`, { cause });
  }
}

function translate(queryName: string, error: unknown): Error {
  if (error instanceof GraphTimeoutError || error instanceof GraphUnavailableError || error instanceof GraphQueryError) return error;
  // An error the caller's own work threw inside writeAll (a refusal, an injected failure) rolls the
  // transaction back and reaches the caller as itself.
  if (!(error instanceof Neo4jError) && error instanceof Error) return error;
  if (error instanceof Neo4jError && (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired' || /acquisition timed out/i.test(error.message))) {
    return new GraphUnavailableError(`Neo4j is unavailable: ${error.message}`, { cause: error });
  }
  if (error instanceof Neo4jError && /TransactionTimedOut|Terminated/.test(error.code)) {
    return new GraphTimeoutError(`Cypher query '${queryName}' ran out of time and was cancelled`);
  }
  return new GraphQueryError(queryName, error);
}

/** Runs a catalogue query: parameters checked by its model, every row parsed by its row model. */
async function runNamed<P, R>(tx: ManagedTransaction, query: NamedQuery<P, R>, params: P): Promise<R[]> {
  const checked = query.params.safeParse(params);
  if (!checked.success) throw new GraphQueryError(query.name, new Error(`parameters do not match the catalogue: ${checked.error.message}`));
  const result = await tx.run(query.text, checked.data as Record<string, unknown>);
  return result.records.map((record) => {
    const row = query.row.safeParse(record.toObject());
    if (!row.success) throw new GraphQueryError(query.name, new Error(`a row does not match the catalogue: ${row.error.message}`));
    return row.data;
  });
}

/** Runs one catalogue query inside a transaction that writeAll opened. */
export type RunInTransaction = <P, R>(query: NamedQuery<P, R>, params: P) => Promise<R[]>;

/** Counts the Cypher round trips made on behalf of one GraphQL request. */
export interface QueryCounter {
  roundTrips: number;
  names: string[];
}

/** What one request may spend: Cypher is cancelled when the signal aborts (deadline or client gone). */
export interface RequestBudget {
  signal: AbortSignal;
  /** Epoch milliseconds. */
  deadline: number;
}

// Fail fast when Neo4j is down: a few seconds to connect or get a pooled connection, little retrying.
// (Issue 12; the transaction retry default of 30 s made requests hang through an outage.)
const FAIL_FAST = { connectionTimeout: 3_000, connectionAcquisitionTimeout: 5_000, maxTransactionRetryTime: 1_000 };
const READ_TIMEOUT_MS = 20_000;

/**
 * The one gateway to Neo4j: nothing else touches the driver. It runs catalogue queries (src/db/queries.ts
 * binds each named block of cypher/ to its zod models), so rows come back parsed and typed.
 */
export class GraphDb {
  constructor(
    private readonly driver: Driver,
    readonly database: string | undefined,
    private readonly counter?: QueryCounter,
    private readonly budget?: RequestBudget,
  ) {}

  static connect(uri: string, auth: { username?: string; password?: string }, database?: string): GraphDb {
    const token = auth.username ? neo4j.auth.basic(auth.username, auth.password ?? '') : undefined;
    // neo4j-driver ≥ 6.3 sets TCP_NODELAY on its sockets: with Nagle's algorithm on (5.x), a Bolt message
    // over one packet waited for a delayed ACK, 40–50 ms each time.
    const driver = neo4j.driver(uri, token, { disableLosslessIntegers: true, maxConnectionPoolSize: 40, ...FAIL_FAST });
    return new GraphDb(driver, database);
  }

  /** A view of the same driver that counts its round trips into `counter`. */
  counting(counter: QueryCounter): GraphDb {
    return new GraphDb(this.driver, this.database, counter, this.budget);
  }

  /** A view for one request: counts its round trips and cancels its Cypher when the budget runs out. */
  forRequest(counter: QueryCounter, budget: RequestBudget): GraphDb {
    return new GraphDb(this.driver, this.database, counter, budget);
  }

  async read<P, R>(query: NamedQuery<P, R>, params: P): Promise<R[]> {
    return this.run(query.name, 'READ', (tx) => runNamed(tx, query, params));
  }

  async write<P, R>(query: NamedQuery<P, R>, params: P): Promise<R[]> {
    return this.run(query.name, 'WRITE', (tx) => runNamed(tx, query, params));
  }

  /** Several catalogue statements in ONE write transaction: all of them land, or none. */
  async writeAll(label: string, work: (run: RunInTransaction) => Promise<void>): Promise<void> {
    await this.run(label, 'WRITE', async (tx) => {
      await work((query, params) => runNamed(tx, query, params));
    });
  }

  async applySchema(): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      for (const statement of schemaStatements()) await session.run(statement);
      await session.run('CALL db.awaitIndexes(60)');
    } catch (error) {
      throw translate('schema', error);
    } finally {
      await session.close();
    }
  }

  async verify(): Promise<void> {
    try {
      await this.driver.verifyConnectivity({ database: this.database });
    } catch (error) {
      throw translate('verifyConnectivity', error);
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async run<T>(name: string, mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    if (this.counter) {
      this.counter.roundTrips += 1;
      this.counter.names.push(name);
    }
    const budget = this.budget;
    if (budget?.signal.aborted) throw new GraphTimeoutError(`Cypher query '${name}' not started: the request's time is up`);
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
    const limit = mode === 'READ' ? READ_TIMEOUT_MS : 300_000;
    // The server-side transaction timeout ends the work even if the abort below never reaches Neo4j.
    const timeout = budget ? Math.max(1, Math.min(limit, Math.ceil(budget.deadline - Date.now()))) : limit;
    const config = { metadata: { app: 'guizhou-industry-graph', query: name }, timeout };
    try {
      const running = mode === 'READ' ? session.executeRead(work, config) : session.executeWrite(work, config);
      return budget ? await abortable(running, budget.signal, () => void session.close().catch(() => {}), name) : await running;
    } catch (error) {
      throw translate(name, error);
    } finally {
      await session.close();
    }
  }
}

/** Settles with `work`, or rejects at once when the signal aborts; `cancel` closes the session, whose RESET stops the query in Neo4j. */
function abortable<T>(work: Promise<T>, signal: AbortSignal, cancel: () => void, name: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(new GraphTimeoutError(`Cypher query '${name}' cancelled: the request's time is up or its client left`));
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
