import { execFile } from 'node:child_process';
import { cpSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Neo4jError } from 'neo4j-driver';
import { describe, expect, inject, it } from 'vitest';
import { GraphQueryError } from '../src/db/graph.js';
import { PROJECT_ROOT } from '../src/config/paths.js';
import { explainStartupFault } from '../src/neo4j/faults.js';
import { LauncherError } from '../src/neo4j/launcher.js';
import { DEFAULT_SEED_DIR, readSeed, SeedValidationError } from '../src/seed/read.js';
import { loadSeed } from '../src/seed/load.js';
import { scratchDir, useTestDb } from './support/harness.js';
import { Q } from '../src/db/queries.js';

const db = useTestDb();

async function counts() {
  const [row] = await db.read(Q.graphCounts, {});
  return { nodes: Number(row.nodes), relationships: Number(row.relationships) };
}

function seedCopy(edit: (dir: string) => void): string {
  const dir = scratchDir('gzkg-seed-');
  cpSync(DEFAULT_SEED_DIR, dir, { recursive: true });
  edit(dir);
  return dir;
}

/** What `npm start` / `npm run seed` do with a seed folder: read it all, then load it; the error if any. */
async function seedFrom(dir: string): Promise<SeedValidationError> {
  try {
    await loadSeed(db, readSeed(dir));
  } catch (error) {
    if (error instanceof SeedValidationError) return error;
    throw error;
  }
  throw new Error('the seed was accepted');
}

describe('seed files that must be refused, with one line and nothing written', () => {
  const cases: { name: string; edit: (dir: string) => void; file: RegExp; field: string }[] = [
    {
      name: 'index.yaml declares the same document twice with different titles',
      edit: (dir) => {
        const file = path.join(dir, 'sources', 'index.yaml');
        const text = readFileSync(file, 'utf8');
        writeFileSync(file, `${text.trimEnd()}\n  - id: doc:000\n    file: doc-000.txt\n    title: 另一个标题\n    publisher: null\n    date: null\n    script: traditional\n`);
      },
      file: /sources\/index\.yaml$/,
      field: 'title',
    },
    {
      name: 'a NUL byte inside a YAML file',
      edit: (dir) => {
        const file = path.join(dir, 'data', 'doc-001.yaml');
        const text = readFileSync(file, 'utf8');
        writeFileSync(file, text.replace('name: ', 'name: \u0000'));
      },
      file: /data\/doc-001\.yaml$/,
      field: '(text)',
    },
    {
      name: 'an accidental copy of core.yaml beside it',
      edit: (dir) => cpSync(path.join(dir, 'data', 'core.yaml'), path.join(dir, 'data', 'core copy.yaml')),
      // "core copy.yaml" sorts first, so core.yaml's records are the ones named as repeats of it.
      file: /data\/core( copy)?\.yaml$/,
      field: 'id',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const before = await counts();
      const error = await seedFrom(seedCopy(c.edit));
      const first = error.problems[0];
      expect(first.file).toMatch(c.file);
      expect(first.field).toBe(c.field);
      // One clear line per problem; a copied file yields one per copied record, all naming the same file and field.
      expect(new Set(error.problems.map((p) => `${p.file}|${p.field}`)).size).toBe(1);
      expect(error.message).not.toMatch(/\n\s+at /);
      expect(await counts()).toEqual(before);
    });
  }
});

describe('start-up faults print one line with the cause and the fix', () => {
  const target = inject('neo4j');

  /** `npm run serve` as a child: its exit code and what it printed on stderr. */
  function serve(env: Record<string, string | undefined>): Promise<{ status: number | null; stderr: string }> {
    // Asynchronous: a blocking spawn would stall the test worker's reporting for as long as the child runs.
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ['--import', 'tsx', 'src/main.ts'],
        {
          cwd: PROJECT_ROOT,
          env: { ...process.env, NEO4J_URI: undefined, NEO4J_USERNAME: undefined, NEO4J_PASSWORD: undefined, NEO4J_DATABASE: undefined, SEED_ON_START: 'false', PORT: '0', ...env },
          encoding: 'utf8',
          timeout: 240_000,
        },
        (error, _stdout, stderr) => resolve({ status: error ? ((error as { code?: number }).code ?? null) : 0, stderr: stderr.trim() }),
      );
    });
  }
  const expectOneLine = async (pending: Promise<{ status: number | null; stderr: string }>, pattern: RegExp) => {
    const r = await pending;
    expect(r.status).toBe(1);
    expect(r.stderr.split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  };

  it('NEO4J_URI to a closed port', () => expectOneLine(serve({ NEO4J_URI: 'bolt://127.0.0.1:1' }), /cannot reach bolt:\/\/127\.0\.0\.1:1.*fix NEO4J_URI/));
  it('an unknown URI scheme', () => expectOneLine(serve({ NEO4J_URI: 'http://127.0.0.1:7474' }), /scheme.*bolt:\/\//));
  it('an unknown database', () =>
    expectOneLine(serve({ NEO4J_URI: target.uri, NEO4J_USERNAME: target.username, NEO4J_PASSWORD: target.password, NEO4J_DATABASE: 'nosuchdatabase' }), /no database 'nosuchdatabase'/));
  it('the embedded launcher without java', () => {
    const bin = scratchDir('gzkg-nojava-');
    symlinkSync(process.execPath, path.join(bin, 'node'));
    return expectOneLine(serve({ PATH: bin, NEO4J_EMBEDDED_HOME: scratchDir('gzkg-home-') }), /'java' is not available.*NEO4J_URI/);
  });

  // Credentials are refused by servers with authentication on; the embedded test Neo4j has none, so these
  // are checked on the driver's own errors as verifyConnectivity reports them.
  it('wrong or missing password, and a password that must be changed', () => {
    const wrapped = (code: string, message: string) => new GraphQueryError('verifyConnectivity', new Neo4jError(message, code, 'N/A', 'N/A'));
    expect(explainStartupFault(wrapped('Neo.ClientError.Security.Unauthorized', 'The client is unauthorized due to authentication failure.'), { NEO4J_URI: 'bolt://x' })).toMatch(/refused the credentials.*NEO4J_PASSWORD/);
    expect(explainStartupFault(wrapped('Neo.ClientError.Security.CredentialsExpired', 'The credentials you provided were valid, but must be changed before you can use this instance.'), { NEO4J_URI: 'bolt://x' })).toMatch(/password change/);
    expect(explainStartupFault(new LauncherError("'java' is not available"), {})).toBe("'java' is not available");
    expect(explainStartupFault(new Error('something unexpected'), {})).toBeNull();
  });
});
