import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { GraphDb } from '../../src/db/graph.js';
import { startEmbeddedNeo4j, type EmbeddedNeo4j } from '../../src/neo4j/launcher.js';
import { loadSeed } from '../../src/seed/load.js';
import { readSeed } from '../../src/seed/read.js';
import { Q } from '../../src/db/queries.js';
import { ABUSE_CASES, ABUSIVE_MIX } from '../support/abuse.js';
import { parseServerTiming } from '../../src/graphql/context.js';

/**
 * `npm run test:load`: the load and abuse suite of issue 12, on loopback only, bounded in time.
 *   A. the realistic mix at LOAD_CONNECTIONS (200) connections for LOAD_SECONDS (60) s;
 *   B. each abusive request once (client timeout 20 s);
 *   C. realistic clients (50) while abusive clients (50) hammer, for LOAD_SECONDS / 2;
 *   D. an outage: realistic clients (30) while the embedded Neo4j is stopped and restarted.
 * The API server runs as a child process (`npm run serve`'s node command in LOAD_SERVER_DIR, this
 * checkout by default) so its peak RSS is measured and a crash is seen. Prints a report and writes
 * it as JSON to LOAD_REPORT (default: a file in the OS temp folder).
 */
const SECONDS = Number(process.env.LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.LOAD_CONNECTIONS ?? 200);
const SERVER_DIR = path.resolve(process.env.LOAD_SERVER_DIR ?? process.cwd());
const REPORT = process.env.LOAD_REPORT ?? path.join(tmpdir(), `gzkg-load-${Date.now()}.json`);
/** Which phases to run (letters of A–D above), e.g. LOAD_PHASES=A for a short look at the realistic mix. */
const PHASES = new Set((process.env.LOAD_PHASES ?? 'ABCD').toUpperCase().split(''));
if (process.argv.includes('--help')) {
  console.log('npm run test:load — env: LOAD_SECONDS (60), LOAD_CONNECTIONS (200), LOAD_PHASES (ABCD; H = cache hits only, by hand), LOAD_TAIL_SHARE (0.2), LOAD_CACHE=off, LOAD_CPU_PROF (a folder for the server CPU profile), LOAD_SERVER_FLAGS (more node flags for the API, e.g. --trace-gc), LOAD_SERVER_LOG (a file for the API\'s output), LOAD_SERVER_DIR (this checkout), LOAD_REPORT (a temp file)');
  process.exit(0);
}

/** The issue's realistic mix: firmsIn, supplyChain, lookup, search, path. */
const CORE: string[] = [
  `{ firmsIn(place: "福泉", first: 20) { totalCount edges { node { firm { id name } place { name } role } } } }`,
  `{ firmsIn(place: "贵阳", first: 20) { totalCount edges { node { firm { id name } place { name } } } } }`,
  `{ supplyChain(from: "磷矿石", to: "新能源汽车") { steps { product { name } producers { edges { node { producer { name } place { name } status } } } } } }`,
  `{ supplyChain(from: "phosphate rock", to: "lithium iron phosphate") { steps { product { name nameEn } producers { edges { node { producer { name } capacity unit } } } } } }`,
  `{ lookup(name: "chuanheng") { id name sources { quote document { title } } relations { type fromEntity { name } toEntity { name } } } }`,
  `{ lookup(name: "贵安新区") { id name nameEn aliases } }`,
  `{ search(text: "磷", first: 10) { totalCount edges { node { id kind name } } } }`,
  `{ search(text: "Guizhou", first: 10) { totalCount edges { node { id kind name } } } }`,
  `{ path(from: "川恒", to: "贵安新区") { length nodes { name } edges { type } } }`,
  `{ path(from: "福泉", to: "磷矿石") { length nodes { name } edges { type } } }`,
].map((query) => JSON.stringify({ query }));

const q = (text: string) => JSON.stringify(text);
/** The share of requests drawn from the long tail (combinations a cache rarely holds). */
const TAIL_SHARE = Number(process.env.LOAD_TAIL_SHARE ?? 0.2);
/** Variety: the same five operations over the seed's names and arguments, so the response cache is not hit every time. */
function wideMix(): { hot: string[]; places: string[]; names: string[] } {
  const seed = readSeed();
  const places = seed.entities.filter((e) => e.kind === 'Place').map((e) => e.name);
  const firms = seed.entities.filter((e) => e.kind === 'Firm').map((e) => e.name);
  const names = seed.entities.map((e) => e.name);
  const hot = [
    ...CORE,
    ...places.map((p, i) => `{ firmsIn(place: ${q(p)}, first: ${10 + (i % 3) * 5}) { totalCount edges { node { firm { id name } place { name } role } } } }`),
    ...seed.entities.map((e) => `{ lookup(name: ${q(e.name)}) { id name nameEn aliases relations { type toEntity { name } } } }`),
    ...names.map((n) => `{ search(text: ${q(n.slice(0, 2))}, first: 10) { totalCount edges { node { id kind name } } } }`),
    ...firms.map((f, i) => `{ path(from: ${q(f)}, to: ${q(places[(i * 7) % places.length])}) { length nodes { name } edges { type } } }`),
  ].map((query) => (query.startsWith('{"') ? query : JSON.stringify({ query })));
  return { hot: [...new Set(hot)], places, names };
}

/**
 * A realistic request: mostly from the hot set (what many users ask), a share from a long tail of
 * combinations (search text × first, firmsIn place × first) that a cache rarely holds.
 */
function realisticPicker(hot: string[], places: string[], names: string[], tailShare = TAIL_SHARE): () => string {
  let n = 0;
  return () => {
    n += 1;
    // Popularity falls off like public traffic does (index ~ u^2.5: the first 10 % of the hot set get ~40 % of its requests).
    if (Math.random() >= tailShare) return hot[Math.floor(hot.length * Math.random() ** 2.5)];
    const first = 1 + Math.floor(Math.random() * 30);
    if (n % 2) {
      const name = names[Math.floor(Math.random() * names.length)];
      const start = Math.floor(Math.random() * Math.max(1, name.length - 1));
      return JSON.stringify({ query: `query ($t: String!, $n: Int) { search(text: $t, first: $n) { totalCount edges { node { id kind name } } } }`, variables: { t: name.slice(start, start + 2), n: first } });
    }
    const place = places[Math.floor(Math.random() * places.length)];
    return JSON.stringify({ query: `query ($p: String!, $n: Int) { firmsIn(place: $p, first: $n) { totalCount edges { node { firm { id name } place { name } } } } }`, variables: { p: place, n: first } });
  };
}

const ABUSIVE = ABUSIVE_MIX.map((c) => JSON.stringify({ query: c.query, variables: c.variables ?? {} }));

// ---------------------------------------------------------------- processes

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function rssMiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far, from /proc (0 when it cannot be read). */
function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks (100 a second).
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The CPU each side spent during a phase, per request and per cache miss: what a miss costs the 2 cores. */
function cpuMeter(apiPid: number, neo4jPid: number) {
  const start = { api: cpuSeconds(apiPid), neo4j: cpuSeconds(neo4jPid), load: process.cpuUsage() };
  return (requests: number, misses: number | null) => {
    const used = { api: cpuSeconds(apiPid) - start.api, neo4j: cpuSeconds(neo4jPid) - start.neo4j, loadGenerator: (() => { const u = process.cpuUsage(start.load); return (u.user + u.system) / 1e6; })() };
    const per = (n: number | null) => (n ? Object.fromEntries(Object.entries(used).map(([k, v]) => [k, +((v * 1000) / n).toFixed(2)])) : null);
    return { seconds: Object.fromEntries(Object.entries(used).map(([k, v]) => [k, +v.toFixed(1)])), msPerRequest: per(requests), msPerMiss: per(misses) };
  };
}

interface ApiServer {
  url: string;
  child: ChildProcess;
  peakRss: number;
  /** The highest RSS seen since start (never reset). */
  maxRss: number;
  exits: string[];
  resetPeak(): number;
  stop(): Promise<void>;
}

/** The node flags of `npm run serve` in the server's checkout (the heap bound lives there, in one place). */
function serveNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(path.join(SERVER_DIR, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const serve = scripts.serve.split(/\s+/);
  const flags = serve[0] === 'node' ? serve.slice(1, serve.indexOf('src/main.ts')) : ['--import', 'tsx'];
  // LOAD_CPU_PROF=dir: the server writes a V8 CPU profile there when it stops (open it in Chrome DevTools, or summarise with test/load/cpu-summary.ts).
  const profile = process.env.LOAD_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(process.env.LOAD_CPU_PROF)}`] : [];
  // LOAD_SERVER_FLAGS: by-hand diagnosis (--trace-gc with LOAD_SERVER_LOG, say).
  return [...flags, ...profile, ...(process.env.LOAD_SERVER_FLAGS ?? '').split(/\s+/).filter(Boolean)];
}

async function startApi(boltUri: string): Promise<ApiServer> {
  const port = await freePort();
  const child = spawn(process.execPath, [...serveNodeFlags(), 'src/main.ts'], {
    cwd: SERVER_DIR,
    env: { ...process.env, NEO4J_URI: boltUri, SEED_ON_START: 'false', PORT: String(port), HOST: '127.0.0.1', NODE_ENV: 'production', ...(process.env.LOAD_CACHE === 'off' ? { RESPONSE_CACHE_MIB: '0' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exits: string[] = [];
  const api: ApiServer = {
    url: `http://127.0.0.1:${port}`,
    child,
    peakRss: 0,
    maxRss: 0,
    exits,
    resetPeak() {
      const peak = api.peakRss;
      api.peakRss = rssMiB(child.pid!);
      return peak;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        clearInterval(sampler);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
      }),
  };
  const sampler = setInterval(() => {
    const rss = rssMiB(child.pid!);
    api.peakRss = Math.max(api.peakRss, rss);
    api.maxRss = Math.max(api.maxRss, rss);
  }, 200);
  child.stderr!.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000)));
  // LOAD_SERVER_LOG=file: everything the API prints, kept (otherwise only the last of stderr is).
  if (process.env.LOAD_SERVER_LOG) {
    const log = createWriteStream(process.env.LOAD_SERVER_LOG);
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
  }
  child.on('exit', (code, signal) => {
    clearInterval(sampler);
    exits.push(`exit ${signal ?? code}: ${output.trim().split('\n').slice(-2).join(' / ')}`);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`API server not ready after 300 s: ${output}`)), 300_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready:')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', () => reject(new Error(`API server exited before ready: ${output}`)));
  });
  return api;
}

// ---------------------------------------------------------------- measurement

interface Outcome {
  ms: number;
  status: number;
  code: string;
}

/** One request with a client-side timeout; the answer's first error code, 'ok', or what failed. */
async function send(url: string, body: string, timeoutMs: number): Promise<Outcome> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await response.text();
    let code = response.ok ? 'ok' : `HTTP_${response.status}`;
    try {
      const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
      if (parsed.errors?.length) code = parsed.errors[0].extensions?.code ?? 'ERROR';
    } catch {
      /* not JSON: keep the HTTP status */
    }
    return { ms: performance.now() - started, status: response.status, code };
  } catch (error) {
    const name = (error as Error).name;
    return { ms: performance.now() - started, status: 0, code: name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'CONNECTION_FAILED' };
  }
}


interface CannonSummary {
  requests: number;
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  errors: Record<string, number>;
  /** By operation (its root field) and the response cache's answer: where the p99 comes from. */
  operations?: OperationLatency[];
  /** Requests over 2 s, by the second of the run they were sent in: a start-up burst or spread over the run. */
  overTwoSecondsBySecondSent?: Record<number, number>;
  /** The load generator's own event-loop delay, max per second (ms): latency the client adds by being late itself. */
  generatorLoopDelayMaxMs?: number[];
}

/** The latency buckets of the per-operation histogram (upper bounds, ms). */
const BUCKETS = [10, 50, 100, 250, 500, 1_000, 2_000, Infinity];

interface OperationLatency {
  operation: string;
  requests: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests per latency bucket (BUCKETS' upper bounds, ms). */
  histogram: number[];
  /** Of all requests over 500 ms in the phase, the share that were this operation's. */
  shareOfSlow: number;
  /** From the server's Server-Timing (p50 / p99 ms): waiting for admission, executing (resolvers + Cypher), Cypher calls summed, and the rest of the client's wait (event loop, sockets). */
  server?: { queue: [number, number]; execute: [number, number]; cypher: [number, number]; outside: [number, number] };
}

/** The root field a body asks for (the first after the operation's brace, aliases skipped). */
function operationOf(body: string): string {
  try {
    const query = (JSON.parse(body) as { query?: string }).query ?? '';
    return /^\s*(?:(?:query|mutation)\b[^{]*)?\{\s*(?:\w+\s*:\s*)?(\w+)/.exec(query)?.[1] ?? '?';
  } catch {
    return '?';
  }
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] : 0);
const pair = (values: number[]): [number, number] => {
  const sorted = [...values].sort((a, b) => a - b);
  return [Math.round(percentile(sorted, 0.5)), Math.round(percentile(sorted, 0.99))];
};

/** A response's `Server-Timing` (queue, execute, cypher, total, cache: src/graphql/context.ts). */
function serverTiming(headers: Record<string, string | string[]>): Record<string, number | string> | null {
  const raw = Object.entries(headers).find(([k]) => k.toLowerCase() === 'server-timing')?.[1];
  return parseServerTiming(raw === undefined ? null : String(raw));
}

class LatencyByOperation {
  private readonly samples = new Map<string, { ms: number; timing: Record<string, number | string> | null }[]>();

  record(body: string, ms: number, headers: Record<string, string | string[]>): void {
    const timing = serverTiming(headers);
    const key = `${operationOf(body)}${timing?.cache ? ` (${timing.cache})` : ''}`;
    let list = this.samples.get(key);
    if (!list) this.samples.set(key, (list = []));
    list.push({ ms, timing });
  }

  summary(): OperationLatency[] {
    const slow = [...this.samples.values()].reduce((n, list) => n + list.filter((s) => s.ms > 500).length, 0);
    return [...this.samples.entries()]
      .map(([operation, list]) => {
        const sorted = list.map((s) => s.ms).sort((a, b) => a - b);
        const timed = list.filter((s) => s.timing && typeof s.timing.total === 'number');
        const num = (s: (typeof list)[number], key: string) => Number(s.timing?.[key] ?? 0);
        return {
          operation,
          requests: list.length,
          p50: Math.round(percentile(sorted, 0.5)),
          p99: Math.round(percentile(sorted, 0.99)),
          max: Math.round(sorted.at(-1) ?? 0),
          histogram: BUCKETS.map((upper, i) => sorted.filter((ms) => ms <= upper && (i === 0 || ms > BUCKETS[i - 1])).length),
          shareOfSlow: slow ? +(list.filter((s) => s.ms > 500).length / slow).toFixed(3) : 0,
          ...(timed.length
            ? {
                server: {
                  queue: pair(timed.map((s) => num(s, 'queue'))),
                  execute: pair(timed.map((s) => num(s, 'execute'))),
                  cypher: pair(timed.map((s) => num(s, 'cypher'))),
                  outside: pair(timed.map((s) => Math.max(0, s.ms - num(s, 'total')))),
                },
              }
            : {}),
        };
      })
      .sort((a, b) => b.p99 - a.p99);
  }
}

/** autocannon over a list of bodies (in turn) or a picker (a body per request); GraphQL errors are counted by code from each response body. */
async function cannon(url: string, bodies: string[] | (() => string), connections: number, seconds: number): Promise<CannonSummary> {
  const errors: Record<string, number> = {};
  const count = (code: string) => (errors[code] = (errors[code] ?? 0) + 1);
  const byOperation = new LatencyByOperation();
  // Each connection has one request in flight: setupRequest runs just before it is sent, onResponse when
  // its answer is in, both with the connection's context, so their difference is that request's latency.
  type Sent = { sentAt?: number; body?: string };
  const startedAt = performance.now();
  const slowBySecond: Record<number, number> = {};
  const generatorLoop = monitorEventLoopDelay({ resolution: 10 });
  const generatorDelays: number[] = [];
  generatorLoop.enable();
  const sampleLoop = setInterval(() => {
    generatorDelays.push(Math.round(generatorLoop.max / 1e5) / 10);
    generatorLoop.reset();
  }, 1_000);
  const result = await autocannon({
    url: `${url}/graphql`,
    connections,
    duration: seconds,
    timeout: 30,
    requests: (typeof bodies === 'function' ? [bodies()] : bodies).map((body) => ({
      method: 'POST' as const,
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body,
      setupRequest: (request: autocannon.Request, raw: object) => {
        const context = raw as Sent;
        const next = typeof bodies === 'function' ? bodies() : body;
        context.sentAt = performance.now();
        context.body = next;
        return { ...request, body: next };
      },
      onResponse: (status: number, responseBody: string, raw: object, headers?: Record<string, string | string[] | undefined>) => {
        const context = raw as Sent;
        const code = /"code":"([A-Z_]+)"/.exec(responseBody)?.[1];
        // A 503 says which: SERVICE_OVERLOADED (admission) or SERVICE_UNAVAILABLE (breaker, or cut while Neo4j was troubled).
        if (status !== 200) count(`HTTP_${status}${code ? ` ${code}` : ''}`);
        else if (responseBody.includes('"errors"')) count(code ?? 'ERROR');
        if (context?.sentAt !== undefined && context.body) {
          const ms = performance.now() - context.sentAt;
          byOperation.record(context.body, ms, (headers ?? {}) as Record<string, string | string[]>);
          const second = Math.floor((context.sentAt - startedAt) / 1000);
          if (ms > 2_000) slowBySecond[second] = (slowBySecond[second] ?? 0) + 1;
        }
      },
    })),
  });
  clearInterval(sampleLoop);
  generatorLoop.disable();
  if (result.errors) errors.CONNECTION_ERRORS = result.errors;
  if (result.timeouts) errors.CLIENT_TIMEOUT = result.timeouts;
  return {
    requests: result.requests.total,
    throughput: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    errors,
    operations: byOperation.summary(),
    overTwoSecondsBySecondSent: slowBySecond,
    generatorLoopDelayMaxMs: generatorDelays,
  };
}

/**
 * Samples /health every second: for how many of them Neo4j was troubled (the short budget of
 * src/db/breaker.ts applied), and the API's event-loop delay (max over the second before each sample).
 */
function watchTrouble(url: string): { stop(): Promise<number>; loopDelayMaxMs: number[] } {
  let seconds = 0;
  let running = true;
  const loopDelayMaxMs: number[] = [];
  const loop = (async () => {
    while (running) {
      try {
        const body = (await (await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) })).json()) as { troubled?: boolean; eventLoop?: { delayMaxMs: number } };
        if (body.troubled) seconds += 1;
        if (body.eventLoop) loopDelayMaxMs.push(body.eventLoop.delayMaxMs);
      } catch {
        /* a slow /health is the report's business elsewhere */
      }
      await new Promise((r) => setTimeout(r, 1_000));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return seconds;
    },
    loopDelayMaxMs,
  };
}

// ---------------------------------------------------------------- phases

async function main(): Promise<void> {
  const report: Record<string, unknown> = {
    serverDir: SERVER_DIR,
    seconds: SECONDS,
    connections: CONNECTIONS,
    responseCache: process.env.LOAD_CACHE === 'off' ? 'off' : 'on',
    loadAverageAtStart: loadavg().map((l) => +l.toFixed(2)),
    startedAt: new Date().toISOString(),
  };
  const home = mkdtempSync(path.join(tmpdir(), 'gzkg-load-neo4j-'));
  const boltPort = await freePort();
  const startNeo4j = () => startEmbeddedNeo4j({ home, port: boltPort, heap: '768m', pageCacheMiB: 64, log: () => {}, readyTimeoutMs: 600_000 });
  let neo4j: EmbeddedNeo4j = await startNeo4j();
  let api: ApiServer | undefined;
  const log = (line: string) => console.log(`[load] ${line}`);
  try {
    const db = GraphDb.connect(neo4j.uri, {});
    // A Neo4j that has just started on a busy machine may miss the driver's fail-fast connect timeouts.
    for (let attempt = 1; ; attempt++) {
      try {
        await db.applySchema();
        break;
      } catch (error) {
        if (attempt >= 30) throw error;
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
    await loadSeed(db, readSeed(), { reset: true, log: () => {} });
    api = await startApi(neo4j.uri);
    const restartIfDead = async (phase: string) => {
      if (api!.child.exitCode === null && api!.child.signalCode === null) return;
      log(`the API server died during ${phase}: ${api!.exits.at(-1)}; restarting it`);
      api = await startApi(neo4j.uri);
    };
    const cacheStats = async () => {
      try {
        return ((await (await fetch(`${api!.url}/health`)).json()) as { responseCache?: { hits: number; misses: number; bypassed: number; rawHits?: number } }).responseCache ?? null;
      } catch {
        return null;
      }
    };
    const hitRatio = (before: Awaited<ReturnType<typeof cacheStats>>, after: Awaited<ReturnType<typeof cacheStats>>) => {
      if (!before || !after) return null;
      const hits = after.hits - before.hits;
      const total = hits + after.misses - before.misses + after.bypassed - before.bypassed;
      return total ? +(hits / total).toFixed(3) : null;
    };
    /** Of the hits, the share answered before graphql-yoga (raw answers; null for a server without them). */
    const rawShare = (before: Awaited<ReturnType<typeof cacheStats>>, after: Awaited<ReturnType<typeof cacheStats>>) => {
      if (before?.rawHits === undefined || after?.rawHits === undefined) return null;
      const hits = after.hits - before.hits;
      return hits ? +((after.rawHits - before.rawHits) / hits).toFixed(3) : null;
    };

    // The wide mix, each body checked once: only those answered without errors are used.
    const wide = wideMix();
    const valid: string[] = [];
    const dropped: string[] = [];
    for (let i = 0; i < wide.hot.length; i += 8) {
      const batch = wide.hot.slice(i, i + 8);
      const outcomes = await Promise.all(batch.map((body) => send(api!.url, body, 30_000)));
      batch.forEach((body, k) => (outcomes[k].code === 'ok' ? valid.push(body) : dropped.push(`${operationOf(body)}: ${outcomes[k].code}`)));
    }
    if (dropped.length) log(`dropped (operation: answer): ${[...new Set(dropped)].join(', ')}`);
    const validPlaces = wide.places.filter((p) => valid.some((body) => body.includes(`firmsIn(place: \\"${p}\\"`)));
    report.mix = { hotBodies: valid.length, droppedWithErrors: wide.hot.length - valid.length, tailShare: TAIL_SHARE, tailPlaces: validPlaces.length };
    log(`wide mix: ${valid.length} hot bodies (${wide.hot.length - valid.length} dropped: they answer with errors), a ${TAIL_SHARE * 100} % tail over ${validPlaces.length} places and ${wide.names.length} names`);
    // The check filled the response cache: a write bumps the graph version, so the run starts cold.
    await db.write(Q.graphVersionBump, {});
    await db.close();
    await new Promise((r) => setTimeout(r, 1_500));
    const realisticPick = realisticPicker(valid, validPlaces.length ? validPlaces : ['福泉'], wide.names);

    // H (by hand, not in the default ABCD): cache hits only, to measure what a hit costs the API process.
    if (PHASES.has('H')) {
      const bodies = valid.slice(0, 60);
      log(`H: cache hits only, ${CONNECTIONS} connections × ${SECONDS} s over ${bodies.length} bodies`);
      // Twice each first: the first fills the response cache, the second (yoga's hit) the raw answers.
      for (let i = 0; i < 2; i++) for (const body of bodies) await send(api.url, body, 30_000);
      const before = await cacheStats();
      const cpu = cpuMeter(api.child.pid!, neo4j.pid);
      const hits = await cannon(api.url, bodies, CONNECTIONS, SECONDS);
      const after = await cacheStats();
      report.hits = { ...hits, cacheHitRatio: hitRatio(before, after), rawHitShare: rawShare(before, after), cpu: cpu(hits.requests, null) };
      log(JSON.stringify({ ...(report.hits as object), operations: undefined }));
    }

    if (PHASES.has('A')) {
      log(`A: realistic mix, ${CONNECTIONS} connections × ${SECONDS} s`);
      await cannon(api.url, CORE, 10, 3); // warm-up
      api.resetPeak();
      const cacheBefore = await cacheStats();
      const troubled = watchTrouble(api.url);
      const cpu = cpuMeter(api.child.pid!, neo4j.pid);
      const realistic = await cannon(api.url, realisticPick, CONNECTIONS, SECONDS);
      const cacheAfter = await cacheStats();
      const misses = cacheBefore && cacheAfter ? cacheAfter.misses - cacheBefore.misses + cacheAfter.bypassed - cacheBefore.bypassed : null;
      report.realistic = { ...realistic, peakRssMiB: Math.round(api.resetPeak()), cacheHitRatio: hitRatio(cacheBefore, cacheAfter), rawHitShare: rawShare(cacheBefore, cacheAfter), troubledSeconds: await troubled.stop(), cpu: cpu(realistic.requests, misses), eventLoopDelayMaxMsBySample: troubled.loopDelayMaxMs };
      log(JSON.stringify({ ...realistic, operations: undefined }));
      log(`API event-loop delay, max per second (first 8 samples, then the run's max): ${troubled.loopDelayMaxMs.slice(0, 8).join(', ')} … ${Math.max(0, ...troubled.loopDelayMaxMs)} ms`);
      // Let requests still queued from the run drain, so the refusal times below are the server's, not the backlog's.
      await new Promise((r) => setTimeout(r, 5_000));
    }

    if (PHASES.has('B')) {
      log('B: each abusive request once');
      const single: Record<string, unknown>[] = [];
      for (const c of ABUSE_CASES) {
        const outcome = await send(api.url, JSON.stringify({ query: c.query, variables: c.variables ?? {} }), 20_000);
        // A server that stopped answering is given a moment to show whether it died.
        await new Promise((r) => setTimeout(r, 300));
        const died = api.child.exitCode !== null || api.child.signalCode !== null;
        single.push({ case: c.name, ...outcome, ms: Math.round(outcome.ms), serverDied: died });
        log(`  ${c.name}: ${outcome.code} in ${Math.round(outcome.ms)} ms${died ? ' — SERVER DIED' : ''}`);
        await restartIfDead(c.name);
    }
    report.abusiveSingle = single;
    report.abusivePeakRssMiB = Math.round(api.resetPeak());
    }

    if (PHASES.has('C')) {
      const mixSeconds = Math.max(10, Math.round(SECONDS / 2));
      log(`C: 50 realistic + 50 abusive connections × ${mixSeconds} s`);
      api.resetPeak();
      const mixBefore = await cacheStats();
      const [underAbuse, abusers] = await Promise.all([cannon(api.url, realisticPick, 50, mixSeconds), cannon(api.url, ABUSIVE, 50, mixSeconds)]);
      const died = api.exits.length > 0 && api.child.exitCode !== null;
      const mixAfter = await cacheStats();
      report.abusiveMix = { realistic: underAbuse, abusive: abusers, peakRssMiB: Math.round(api.resetPeak()), serverDied: died, cacheHitRatio: hitRatio(mixBefore, mixAfter), cache: mixAfter };
      log(JSON.stringify({ ...(report.abusiveMix as object), realistic: { ...underAbuse, operations: undefined }, abusive: { ...abusers, operations: undefined } }));
      await restartIfDead('the abusive mix');
    }

    if (PHASES.has('D')) {
      log('D: outage — 30 realistic clients; Neo4j stopped at 10 s, restarted at 20 s, clients until 15 s after it is back');
      const started = performance.now();
      const samples: (Outcome & { at: number })[] = [];
      const health: { at: number; ms: number; status: number; body: string }[] = [];
      let stoppedAt = 0;
      let backAt = 0;
      let outageDone = Infinity;
      const worker = async (i: number) => {
        for (let n = i; performance.now() < outageDone; n++) {
          const at = performance.now() - started;
          samples.push({ at, ...(await send(api!.url, CORE[n % CORE.length], 60_000)) });
        }
      };
      const healthProbe = async () => {
        while (performance.now() < outageDone) {
          const t0 = performance.now();
          try {
            const response = await fetch(`${api!.url}/health`, { signal: AbortSignal.timeout(10_000) });
            const body = await response.text();
            health.push({ at: t0 - started, ms: performance.now() - t0, status: response.status, body: body.slice(0, 120) });
          } catch {
            health.push({ at: t0 - started, ms: performance.now() - t0, status: 0, body: 'no answer' });
          }
          await new Promise((r) => setTimeout(r, 1_000));
        }
      };
      const outage = (async () => {
        await new Promise((r) => setTimeout(r, 10_000));
        stoppedAt = performance.now() - started;
        await neo4j.stop();
        await new Promise((r) => setTimeout(r, 10_000));
        neo4j = await startNeo4j();
        backAt = performance.now() - started;
        outageDone = performance.now() + 15_000;
        log(`  Neo4j stopped at ${(stoppedAt / 1000).toFixed(1)} s, back at ${(backAt / 1000).toFixed(1)} s`);
      })();
      await Promise.all([...Array.from({ length: 30 }, (_, i) => worker(i)), healthProbe(), outage]);
      const during = samples.filter((s) => s.at >= stoppedAt && s.at < backAt);
      const settled = samples.filter((s) => s.at >= backAt + 10_000);
      const codes = (list: Outcome[]) => list.reduce<Record<string, number>>((acc, s) => ((acc[s.code] = (acc[s.code] ?? 0) + 1), acc), {});
      const slowest = (list: Outcome[]) => Math.round(Math.max(0, ...list.map((s) => s.ms)));
      report.outage = {
        stoppedAtS: +(stoppedAt / 1000).toFixed(1),
        backAtS: +(backAt / 1000).toFixed(1),
        during: {
        requests: during.length,
        codes: codes(during),
        slowestMs: slowest(during),
        over5s: during.filter((s) => s.ms > 5_000).length,
        // When each slow one was sent (s after the phase began; Neo4j stopped at stoppedAtS) and how it ended.
        slowOnes: during.filter((s) => s.ms > 5_000).map((s) => ({ sentAtS: +(s.at / 1000).toFixed(1), ms: Math.round(s.ms), code: s.code })),
      },
        tenSecondsAfter: { requests: settled.length, codes: codes(settled), failures: settled.filter((s) => s.code !== 'ok').length },
        health: {
          probes: health.length,
          slowestMs: Math.round(Math.max(0, ...health.map((h) => h.ms))),
          over1s: health.filter((h) => h.ms > 1_000).length,
          statuses: health.map((h) => h.status).join(' '),
        },
      };
      log(JSON.stringify(report.outage));
    }
    report.serverExits = api.exits;
    report.peakRssMiB = Math.round(api.maxRss);
    report.loadAverageAtEnd = loadavg().map((l) => +l.toFixed(2));
  } finally {
    await api?.stop();
    await neo4j.stop();
    rmSync(home, { recursive: true, force: true });
  }
  writeFileSync(REPORT, JSON.stringify(report, null, 2));
  printReport(report);
  console.log(`\nreport written to ${REPORT} (machine shared with other work: compare ratios, not absolutes)`);
}

function printReport(r: Record<string, any>): void {
  const row = (name: string, s: CannonSummary, rss?: number) =>
    `| ${name} | ${s.requests} | ${s.throughput.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.max} | ${JSON.stringify(s.errors)} | ${rss ?? ''} |`;
  console.log(`\nresponse cache ${r.responseCache}; load average at start ${r.loadAverageAtStart?.join(' ')}, at end ${r.loadAverageAtEnd?.join(' ')}; phases ${[...PHASES].join('')}`);
  if (r.realistic || r.abusiveMix) {
    console.log('\n| phase | requests | req/s | p50 ms | p99 ms | max ms | errors | peak RSS MiB |');
    console.log('|---|---|---|---|---|---|---|---|');
    if (r.realistic) console.log(row(`realistic ${r.connections}×${r.seconds}s (Neo4j troubled ${r.realistic.troubledSeconds ?? '?'} s)`, r.realistic, r.realistic.peakRssMiB));
    if (r.abusiveMix) console.log(row('realistic under abuse (50)', r.abusiveMix.realistic, r.abusiveMix.peakRssMiB));
    if (r.abusiveMix) console.log(row('abusive clients (50)', r.abusiveMix.abusive));
    console.log(`realistic hit ratio ${r.realistic?.cacheHitRatio ?? '-'} (answered before yoga: ${r.realistic?.rawHitShare ?? '-'} of the hits), under abuse ${r.abusiveMix?.cacheHitRatio ?? '-'}; wide mix ${JSON.stringify(r.mix)}`);
    if (r.realistic?.cpu) console.log(`realistic CPU (s, ms per request, ms per cache miss) by process: ${JSON.stringify(r.realistic.cpu)}`);
  }
  if (r.hits) {
    console.log(`\ncache hits only (H): ${r.hits.requests} requests, ${r.hits.throughput.toFixed(0)} req/s, p50 ${r.hits.p50} / p99 ${r.hits.p99} ms, hit ratio ${r.hits.cacheHitRatio}, answered before yoga ${r.hits.rawHitShare ?? '-'}; CPU ${JSON.stringify(r.hits.cpu)}`);
  }
  const operations = (title: string, list: OperationLatency[] | undefined) => {
    if (!list?.length) return;
    console.log(`\n${title}: latency by operation (client ms; histogram ≤${BUCKETS.slice(0, -1).join('/')}/more ms; server p50/p99 ms: admission queue, execute, Cypher summed, outside = client − server total)`);
    console.log('| operation (cache) | requests | p50 | p99 | max | histogram | share of > 500 ms | queue | execute | cypher | outside |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const o of list) {
      const s = o.server;
      console.log(`| ${o.operation} | ${o.requests} | ${o.p50} | ${o.p99} | ${o.max} | ${o.histogram.join(' ')} | ${o.shareOfSlow} | ${s ? s.queue.join('/') : '-'} | ${s ? s.execute.join('/') : '-'} | ${s ? s.cypher.join('/') : '-'} | ${s ? s.outside.join('/') : '-'} |`);
    }
  };
  operations('realistic', r.realistic?.operations);
  operations('realistic under abuse', r.abusiveMix?.realistic?.operations);
  if (r.abusiveSingle) {
    console.log('\n| abusive request | answer | ms | server died |');
    console.log('|---|---|---|---|');
    for (const s of r.abusiveSingle) console.log(`| ${s.case} | ${s.code} | ${s.ms} | ${s.serverDied ? 'YES' : 'no'} |`);
    console.log(`slowest refusal ${Math.max(...r.abusiveSingle.map((s: { ms: number }) => s.ms))} ms`);
  }
  console.log(`peak RSS over the whole run ${r.peakRssMiB} MiB`);
  const o = r.outage;
  if (!o) return;
  console.log(`\noutage: ${o.during.requests} requests while Neo4j was down: ${JSON.stringify(o.during.codes)}, slowest ${o.during.slowestMs} ms, ${o.during.over5s} over 5 s;`);
  console.log(`        10 s after it was back: ${o.tenSecondsAfter.requests} requests, ${o.tenSecondsAfter.failures} failures; /health slowest ${o.health.slowestMs} ms, ${o.health.over1s} over 1 s`);
  if (o.during.slowOnes?.length) console.log(`        over 5 s (sent at s, ms, answer): ${o.during.slowOnes.map((s: { sentAtS: number; ms: number; code: string }) => `${s.sentAtS} ${s.ms} ${s.code}`).join('; ')}`);
}

main().catch((error) => {
  console.error(`load: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
