import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import type { NamedQuery } from './catalogue.js';
import { schemaStatements } from './queries.js';

/** Neo4j could not be reached or refused the work; resolvers turn this into a masked error. */
export class GraphUnavailableError extends Error {}
export class GraphQueryError extends Error {
  constructor(readonly queryName: string, cause: unknown) {
    super(`Cypher query '${queryName}' failed: ${(cause as Error).message}`);
  }
}

function translate(queryName: string, error: unknown): Error {
  if (error instanceof Neo4jError && (error.code === 'ServiceUnavailable' || error.code === 'SessionExpired')) {
    return new GraphUnavailableError(`Neo4j is unavailable: ${error.message}`);
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

/**
 * The one gateway to Neo4j: nothing else touches the driver. It runs catalogue queries (src/db/queries.ts
 * binds each named block of cypher/ to its zod models), so rows come back parsed and typed.
 */
export class GraphDb {
  constructor(
    private readonly driver: Driver,
    readonly database: string | undefined,
    private readonly counter?: QueryCounter,
  ) {}

  static connect(uri: string, auth: { username?: string; password?: string }, database?: string): GraphDb {
    const token = auth.username ? neo4j.auth.basic(auth.username, auth.password ?? '') : undefined;
    // neo4j-driver ≥ 6.3 sets TCP_NODELAY on its sockets: with Nagle's algorithm on (5.x), a Bolt message
    // over one packet waited for a delayed ACK, 40–50 ms each time.
    const driver = neo4j.driver(uri, token, { disableLosslessIntegers: true, maxConnectionPoolSize: 20 });
    return new GraphDb(driver, database);
  }

  /** A view of the same driver that counts its round trips into `counter`. */
  counting(counter: QueryCounter): GraphDb {
    return new GraphDb(this.driver, this.database, counter);
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
    const session = this.driver.session({ database: this.database, defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE });
    const config = { metadata: { app: 'guizhou-industry-graph', query: name }, timeout: mode === 'READ' ? 20_000 : 300_000 };
    try {
      return mode === 'READ' ? await session.executeRead(work, config) : await session.executeWrite(work, config);
    } catch (error) {
      throw translate(name, error);
    } finally {
      await session.close();
    }
  }
}
