import neo4j, { type Driver, type ManagedTransaction, type Result, type Session, Neo4jError } from 'neo4j-driver';
import type { NamedQuery } from './catalogue.js';
import { CircuitBreaker, DEFAULT_BREAKER, type BreakerOptions, type Outcome } from './breaker.js';
import { Q, schemaStatements } from './queries.js';
import type { RowCache } from './row-cache.js';
import { parsingRowsOf } from './models.js';
import { GraphVersion, type VersionStamp } from './version.js';
import { joinBoltMessages } from './bolt-messages.js';

/** Neo4j could not be reached or refused the work; resolvers turn this into a masked error. */
export class GraphUnavailableError extends Error {}
/** The request's time budget ran out, or its client went away: its Cypher was cancelled. */
export class GraphTimeoutError extends Error {}
export class GraphQueryError extends Error {
  constructor(readonly queryName: string, cause: unknown) {
    super(`Cypher query '${queryName}' failed: ${(cause as Error).message}`, { cause });
  }
}

// Driver errors that mean "Neo4j cannot be reached or cannot serve now": a closed port, a reset socket,
// a pool closed under us, a database still starting or stopping. (Issue 12: during an outage some of
// these reached clients as INTERNAL_SERVER_ERROR.)
const UNAVAILABLE_CODES = /^(ServiceUnavailable|SessionExpired|Neo\.TransientError\.General\.|Neo\.TransientError\.Database\.|Neo\.ClientError\.Database\.DatabaseNotFound|Neo\.TransientError\.Cluster\.)/;
const UNAVAILABLE_MESSAGES = /acquisition timed out|connection timed out|pool is closed|ECONNREFUSED|ECONNRESET|EPIPE|EHOSTUNREACH|ENETUNREACH|ETIMEDOUT|socket|connection (was )?(closed|lost|terminated|refused)|failed to connect|could not perform discovery|database is (shutting down|unavailable|not available)/i;

/** The driver's error as one of ours: unavailable (SERVICE_UNAVAILABLE), timed out (TIMEOUT) or a query error. */
export function translate(queryName: string, error: unknown): Error {
  if (error instanceof GraphTimeoutError || error instanceof GraphUnavailableError || error instanceof GraphQueryError) return error;
  // An error the caller's own work threw inside writeAll (a refusal, an injected failure) rolls the
  // transaction back and reaches the caller as itself.
  if (!(error instanceof Neo4jError) && error instanceof Error && !UNAVAILABLE_MESSAGES.test(error.message) && !('code' in error && /^E[A-Z]+$/.test(String(error.code)))) return error;
  const code = (error as { code?: string }).code ?? '';
  const message = (error as Error)?.message ?? String(error);
  if (/TransactionTimedOut|Terminated|LockClientStopped/.test(code)) {
    return new GraphTimeoutError(`Cypher query '${queryName}' ran out of time and was cancelled`);
  }
  if (UNAVAILABLE_CODES.test(code) || UNAVAILABLE_MESSAGES.test(message) || (error instanceof Neo4jError && Neo4jError.isRetryable(error))) {
    return new GraphUnavailableError(`Neo4j is unavailable: ${message.split('\n')[0]}`, { cause: error });
  }
  return new GraphQueryError(queryName, error);
}

/** Where a statement runs: a write transaction, or (one read) the session itself as an auto-commit transaction. */
type Runner = { run(text: string, params: Record<string, unknown>): Result };

/** A catalogue query's parameters as its model checks them (keys it does not name dropped): what Neo4j and the row cache see. */
export function checkedParams<P, R>(query: NamedQuery<P, R>, params: P): Record<string, unknown> {
  const checked = query.params.safeParse(params);
  if (!checked.success) throw new GraphQueryError(query.name, new Error(`parameters do not match the catalogue: ${checked.error.message}`));
  return checked.data as Record<string, unknown>;
}

/** Runs a catalogue query with checked parameters, every row parsed by its row model. */
async function runChecked<P, R>(tx: Runner, query: NamedQuery<P, R>, checked: Record<string, unknown>): Promise<R[]> {
  const result = await tx.run(query.text, checked);
  // Rows with SELECTED entities and relations are read back in the order of the query's own fields (src/db/models.ts).
  return parsingRowsOf(checked, () =>
    result.records.map((record) => {
      const row = query.row.safeParse(record.toObject());
      if (!row.success) throw new GraphQueryError(query.name, new Error(`a row does not match the catalogue: ${row.error.message}`));
      return row.data;
    }),
  );
}

/** Runs a catalogue query: parameters checked by its model, every row parsed by its row model. */
const runNamed = <P, R>(tx: Runner, query: NamedQuery<P, R>, params: P): Promise<R[]> => runChecked(tx, query, checkedParams(query, params));

/** Runs one catalogue query inside a transaction that writeAll opened. */
export type RunInTransaction = <P, R>(query: NamedQuery<P, R>, params: P) => Promise<R[]>;

/** Counts the Cypher round trips made on behalf of one GraphQL request. */
export interface QueryCounter {
  roundTrips: number;
  names: string[];
  /** Time spent in Cypher calls, summed (calls that run side by side each count). */
  cypherMs?: number;
  /** Reads answered by the row cache (not round trips). */
  cachedReads?: number;
}

/** What one request may spend: Cypher is cancelled when the signal aborts (deadline or client gone). */
export interface RequestBudget {
  signal: AbortSignal;
  /** Epoch milliseconds. */
  deadline: number;
}

// Fail fast when Neo4j is down: a few seconds to connect or get a pooled connection, little retrying.
// (Issue 12; the transaction retry default of 30 s made requests hang through an outage.)
// Not tighter: a Neo4j just restarted on a busy machine needs seconds to accept a connection, and a connect
// timeout below that makes every attempt fail (the 2 s tried first never let it recover). Outages are
// answered by the circuit breaker (src/db/breaker.ts), not by waiting for these.
const FAIL_FAST = { connectionTimeout: 5_000, connectionAcquisitionTimeout: 6_000, maxTransactionRetryTime: 1_000 };
/**
 * Neo4j sends its notifications with every result, unasked: a statement naming a property no node has
 * yet (`superseded` before any supersession, a document's `ingestedBy` before any ingest) drew ~500
 * bytes of warning text per such property on every run — 4.5 KB of a 13.6 KB firmsIn page at 1M. The
 * application reads none of them (statements are checked by EXPLAIN in test/bolt-writes.int.test.ts).
 */
const NO_NOTIFICATIONS = { minimumSeverityLevel: 'OFF' as const };
/** The version read behind the response cache gives up after this: a slow Neo4j means no cache, not a slow request. */
const VERSION_READ_MS = 2_000;

/** What every view of one driver shares: the breaker in front of Neo4j and the graph version. */
interface Shared {
  /** Replaced by renewDriver() (a pool whose connections are stuck on a Neo4j that went away). */
  driver: Driver;
  makeDriver: () => Driver;
  breaker: CircuitBreaker;
  version: GraphVersion;
  /** Cancels each call in progress: when the breaker opens, work waiting on a Neo4j that is gone is answered at once. */
  running: Set<(reason: string) => void>;
  /** Cypher calls of requests cancelled in progress (deadline, client gone, trouble, breaker; not the probe's): the tests read it. */
  cancelled: number;
}
const READ_TIMEOUT_MS = 20_000;

/**
 * The one gateway to Neo4j: nothing else touches the driver. It runs catalogue queries (src/db/queries.ts
 * binds each named block of cypher/ to its zod models), so rows come back parsed and typed.
 */
export class GraphDb {
  private constructor(
    readonly database: string | undefined,
    private readonly shared: Shared,
    private readonly counter?: QueryCounter,
    private readonly budget?: RequestBudget,
    /** The health probe's view: it must reach Neo4j while the breaker is open (it is what closes it). */
    private readonly bypassBreaker = false,
    /** A public request's view: its reads go through the row cache (src/db/row-cache.ts). */
    private readonly rows?: RowCache,
  ) {}

  static connect(uri: string, auth: { username?: string; password?: string }, database?: string, options: { breaker?: BreakerOptions } = {}): GraphDb {
    joinBoltMessages();
    const token = auth.username ? neo4j.auth.basic(auth.username, auth.password ?? '') : undefined;
    // neo4j-driver ≥ 6.3 sets TCP_NODELAY on its sockets: with Nagle's algorithm on (5.x), a Bolt message
    // over one packet waited for a delayed ACK, 40–50 ms each time.
    const makeDriver = () => neo4j.driver(uri, token, { disableLosslessIntegers: true, maxConnectionPoolSize: 40, notificationFilter: NO_NOTIFICATIONS, ...FAIL_FAST });
    const shared: Shared = { driver: makeDriver(), makeDriver, breaker: new CircuitBreaker(options.breaker ?? DEFAULT_BREAKER), version: null as unknown as GraphVersion, running: new Set(), cancelled: 0 };
    shared.breaker.onOpen((reason) => {
      for (const cancel of [...shared.running]) cancel(reason);
    });
    const root = new GraphDb(database, shared);
    shared.version = new GraphVersion(async () => {
      const scoped = root.forRequest({ roundTrips: 0, names: [] }, { signal: AbortSignal.timeout(VERSION_READ_MS), deadline: Date.now() + VERSION_READ_MS });
      const [row] = await scoped.read(Q.graphVersionRead, {});
      return row;
    });
    return root;
  }

  private get driver(): Driver {
    return this.shared.driver;
  }

  /**
   * A fresh driver (an empty pool) in place of the current one, which is closed in the background. The
   * health probe asks for it when Neo4j has not answered for a while: connections checked out by work
   * that hung on the Neo4j that went away must not keep the pool exhausted once it is back.
   */
  renewDriver(): void {
    const old = this.shared.driver;
    this.shared.driver = this.shared.makeDriver();
    void old.close().catch(() => {});
  }

  /** The breaker in front of Neo4j (shared by every view of this driver). */
  get breaker(): CircuitBreaker {
    return this.shared.breaker;
  }

  /** Cypher calls cancelled while running, since the driver was connected (every view shares the count). */
  get cancelledCalls(): number {
    return this.shared.cancelled;
  }

  /** The graph version (shared by every view of this driver): the response cache's key. */
  get version(): GraphVersion {
    return this.shared.version;
  }

  /** A view of the same driver that counts its round trips into `counter`. */
  counting(counter: QueryCounter): GraphDb {
    return new GraphDb(this.database, this.shared, counter, this.budget);
  }

  /**
   * A view for one request: counts its round trips and cancels its Cypher when the budget runs out.
   * `rows` only for public requests (no credentials): a curator's reads always see Neo4j itself.
   */
  forRequest(counter: QueryCounter, budget: RequestBudget, rows?: RowCache): GraphDb {
    return new GraphDb(this.database, this.shared, counter, budget, false, rows?.enabled ? rows : undefined);
  }

  /** A view that goes to Neo4j even while the breaker is open, and tells the breaker what it found (the health probe). */
  probing(budget?: RequestBudget): GraphDb {
    return new GraphDb(this.database, this.shared, this.counter, budget ?? this.budget, true);
  }

  async read<P, R>(query: NamedQuery<P, R>, params: P): Promise<R[]> {
    // Only under a version known to be current (at most a second old, as for the response cache, whose
    // check at the request's start has usually just read it); none known (Neo4j unreachable): no cache.
    const version = this.rows ? await this.shared.version.current() : null;
    if (!this.rows || !version) return this.run(query.name, 'READ', (runner) => runNamed(runner, query, params));
    // Keyed by the checked parameters: a caller's keys the query does not take (a selection's row-part flags) split nothing.
    const checked = checkedParams(query, params);
    const { key, rows } = this.rows.get(version, query.name, checked);
    if (rows) {
      if (this.counter) this.counter.cachedReads = (this.counter.cachedReads ?? 0) + 1;
      return rows as R[];
    }
    const read = await this.run(query.name, 'READ', (runner) => runChecked(runner, query, checked));
    this.rows.set(version, key, read);
    return read;
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

  /** Creates the constraints and indexes (idempotent) and waits until they are online (after an offline import that is their whole population). */
  async applySchema(awaitSeconds = 60): Promise<void> {
    const session = this.driver.session({ database: this.database });
    try {
      for (const statement of schemaStatements()) await session.run(statement);
      await session.run('CALL db.awaitIndexes($seconds)', { seconds: neo4j.int(awaitSeconds) });
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

  private async run<T>(name: string, mode: 'READ' | 'WRITE', work: (tx: Runner) => Promise<T>): Promise<T> {
    if (this.counter) {
      this.counter.roundTrips += 1;
      this.counter.names.push(name);
    }
    const budget = this.budget;
    // A request cut short while Neo4j is in trouble ends SERVICE_UNAVAILABLE (its reason); otherwise TIMEOUT.
    const ended = (fallback: string) => (budget?.signal.reason instanceof GraphUnavailableError ? budget.signal.reason : new GraphTimeoutError(fallback));
    if (budget?.signal.aborted) throw ended(`Cypher query '${name}' not started: the request's time is up`);
    const breaker = this.shared.breaker;
    const gate = this.bypassBreaker ? 'pass' : breaker.admit();
    if (gate === 'refuse') throw new GraphUnavailableError(`Neo4j is unavailable (${breaker.lastError || 'it did not answer'}); failing fast until it answers again`);
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
    const limit = mode === 'READ' ? READ_TIMEOUT_MS : 300_000;
    // The server-side transaction timeout ends the work even if the abort below never reaches Neo4j.
    const timeout = budget ? Math.max(1, Math.min(limit, Math.ceil(budget.deadline - Date.now()))) : limit;
    const config = { metadata: { app: 'guizhou-industry-graph', query: name }, timeout };
    // Every write transaction bumps the graph version as its last statement: the write and the bump
    // commit together or not at all (a refusal thrown inside rolls both back).
    let bumped: VersionStamp | null = null;
    const unit =
      mode === 'READ'
        ? work
        : async (tx: ManagedTransaction) => {
            const result = await work(tx);
            [bumped] = await runNamed(tx, Q.graphVersionBump, {});
            return result;
          };
    let outcome: Outcome = 'neutral';
    let failure: string | undefined;
    const startedAt = performance.now();
    // One signal ends the call: the request's budget (TIMEOUT) or the breaker opening (SERVICE_UNAVAILABLE).
    const ending = new AbortController();
    const onBudget = () => ending.abort(ended(`Cypher query '${name}' cancelled: the request's time is up or its client left`));
    const onOpen = (reason: string) => ending.abort(new GraphUnavailableError(`Neo4j is unavailable (${reason}); query '${name}' was cancelled`));
    budget?.signal.addEventListener('abort', onBudget, { once: true });
    if (!this.bypassBreaker) this.shared.running.add(onOpen);
    try {
      const running = mode === 'READ' ? autoCommitRead(session, config, work) : session.executeWrite(unit, config);
      const result = await abortable(running, ending.signal, () => {
        if (!this.bypassBreaker) this.shared.cancelled += 1;
        void session.close().catch(() => {});
      });
      outcome = 'ok';
      if (bumped) this.shared.version.wrote(bumped);
      return result;
    } catch (error) {
      const translated = translate(name, error);
      // A query error still proves Neo4j answered; a deadline or the caller's own error says nothing.
      outcome = translated instanceof GraphUnavailableError ? 'down' : translated instanceof GraphQueryError ? 'ok' : 'neutral';
      failure = translated.message.replace(/^Neo4j is unavailable: /, '');
      throw translated;
    } finally {
      budget?.signal.removeEventListener('abort', onBudget);
      this.shared.running.delete(onOpen);
      if (this.counter) this.counter.cypherMs = (this.counter.cypherMs ?? 0) + (performance.now() - startedAt);
      breaker.settle(outcome, failure, gate === 'trial');
      await session.close().catch(() => {});
    }
  }
}

/** How long a read that failed for a transient reason (a pooled connection Neo4j closed, say) may still be tried again. */
const READ_RETRY_MS = FAIL_FAST.maxTransactionRetryTime;

/**
 * One read as an auto-commit transaction: RUN and PULL in one Bolt write, no BEGIN and no COMMIT
 * (an explicit read transaction costs three writes and two waits for Neo4j; the socket writes were a
 * quarter of the API's CPU under the load suite's mix, docs/limits.md). Every read is a single
 * statement, so nothing is lost by not grouping it. Like executeRead, a transient failure is tried
 * again while the retry time lasts (once is what that allows in practice).
 */
async function autoCommitRead<T>(session: Session, config: { metadata: Record<string, string>; timeout: number }, work: (tx: Runner) => Promise<T>): Promise<T> {
  const startedAt = performance.now();
  const runner: Runner = { run: (text, params) => session.run(text, params, config) };
  try {
    return await work(runner);
  } catch (error) {
    if (!(error instanceof Neo4jError && Neo4jError.isRetryable(error)) || performance.now() - startedAt > READ_RETRY_MS) throw error;
    return work(runner);
  }
}

/** Settles with `work`, or rejects with the signal's reason when it aborts; `cancel` closes the session, whose RESET stops the query in Neo4j. */
function abortable<T>(work: Promise<T>, signal: AbortSignal, cancel: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      cancel();
      reject(signal.reason);
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
