import neo4j, { type Driver, type ManagedTransaction, Neo4jError } from 'neo4j-driver';
import { cypher, schemaStatements } from './queries.js';

export type Row = Record<string, unknown>;

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

async function runNamed(tx: ManagedTransaction, name: string, params: Record<string, unknown>): Promise<Row[]> {
  const result = await tx.run(cypher(name), params);
  return result.records.map((record) => record.toObject());
}

/** Counts the Cypher round trips made on behalf of one GraphQL request. */
export interface QueryCounter {
  roundTrips: number;
  names: string[];
}

/** The one gateway to Neo4j: nothing else touches the driver. Queries are named, from cypher/. */
export class GraphDb {
  constructor(
    private readonly driver: Driver,
    readonly database: string | undefined,
    private readonly counter?: QueryCounter,
  ) {}

  static connect(uri: string, auth: { username?: string; password?: string }, database?: string): GraphDb {
    const token = auth.username ? neo4j.auth.basic(auth.username, auth.password ?? '') : undefined;
    const driver = neo4j.driver(uri, token, { disableLosslessIntegers: true, maxConnectionPoolSize: 20 });
    return new GraphDb(driver, database);
  }

  /** A view of the same driver that counts its round trips into `counter`. */
  counting(counter: QueryCounter): GraphDb {
    return new GraphDb(this.driver, this.database, counter);
  }

  async read(name: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.run(name, 'READ', (tx) => runNamed(tx, name, params));
  }

  async write(name: string, params: Record<string, unknown> = {}): Promise<Row[]> {
    return this.run(name, 'WRITE', (tx) => runNamed(tx, name, params));
  }

  /** Several named statements in ONE write transaction: all of them land, or none. */
  async writeAll(label: string, work: (run: (name: string, params: Record<string, unknown>) => Promise<Row[]>) => Promise<void>): Promise<void> {
    await this.run(label, 'WRITE', async (tx) => {
      await work((name, params) => runNamed(tx, name, params));
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
