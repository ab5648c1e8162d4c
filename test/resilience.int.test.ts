import { Q } from '../src/db/queries.js';
import { createServer, Socket, type Server } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, inject, vi } from 'vitest';
import neo4j from 'neo4j-driver';
import { GraphDb, GraphQueryError, GraphTimeoutError, GraphUnavailableError, translate } from '../src/db/graph.js';
import { CircuitBreaker, RECOVERY_MS, TROUBLED_BUDGET_MS } from '../src/db/breaker.js';
import { ResponseCache } from '../src/graphql/cache/response-cache.js';
import { DEFAULT_LIMITS } from '../src/graphql/limits/guard.js';
import { Admission, Lane, OverloadedError } from '../src/server/admission.js';
import { createHttpServer, listen } from '../src/server/http.js';
import { useTestDb } from './support/harness.js';

const db = useTestDb();
const target = inject('neo4j');

async function counts() {
  const [row] = await db.read(Q.graphCounts, {});
  return { nodes: Number(row.nodes), relationships: Number(row.relationships) };
}

async function serve(graph: GraphDb, options: Parameters<typeof createHttpServer>[1] = {}) {
  const server = createHttpServer(graph, options);
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

const post = (url: string, query: string, signal?: AbortSignal) =>
  fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), signal });

describe('admission lanes', () => {
  it('grant up to the concurrency, queue up to the bound, refuse beyond, and hand a released slot to the first waiter', async () => {
    const lane = new Lane('test', { concurrency: 1, queue: 1, maxWaitMs: 60_000, agedAfterMs: 60_000 });
    const first = await lane.acquire();
    const second = lane.acquire();
    await expect(lane.acquire()).rejects.toBeInstanceOf(OverloadedError);
    expect(lane.stats).toEqual({ active: 1, waiting: 1 });
    first();
    const release = await second;
    expect(lane.stats).toEqual({ active: 1, waiting: 0 });
    release();
    release(); // twice is harmless
    expect(lane.stats).toEqual({ active: 0, waiting: 0 });
  });

  it('count the wait from the request\'s arrival: one that arrived maxWaitMs ago is refused at once, a younger one waits only the rest', async () => {
    const lane = new Lane('test', { concurrency: 1, queue: 5, maxWaitMs: 400, agedAfterMs: 60_000 });
    const held = await lane.acquire();
    await expect(lane.acquire(undefined, performance.now() - 400)).rejects.toBeInstanceOf(OverloadedError);
    expect(lane.stats).toEqual({ active: 1, waiting: 0 });
    // Queued together: the one that arrived 300 ms ago has 100 ms left, the new one 400: it is refused first.
    const order: string[] = [];
    const older = lane.acquire(undefined, performance.now() - 300).catch(() => void order.push('older refused'));
    const newer = lane.acquire().catch(() => void order.push('newer refused'));
    await older;
    expect(order).toEqual(['older refused']);
    expect(lane.stats).toEqual({ active: 1, waiting: 1 });
    await newer;
    expect(order).toEqual(['older refused', 'newer refused']);
    held();
    expect(lane.stats).toEqual({ active: 0, waiting: 0 });
  });

  it('in a burst, hand a freed slot to the newest waiter, and to the oldest once it has waited agedAfterMs', async () => {
    const lane = new Lane('test', { concurrency: 1, queue: 5, maxWaitMs: 60_000, agedAfterMs: 300 });
    let release = await lane.acquire();
    const order: string[] = [];
    const wait = (name: string) => lane.acquire().then((r) => (order.push(name), r));
    const oldest = wait('oldest');
    const middle = wait('middle');
    const newest = wait('newest');
    release();
    release = await newest; // newest first while nobody has waited long
    await new Promise((r) => setTimeout(r, 400));
    release();
    release = await oldest; // the oldest has waited past 300 ms: its turn, before the middle one
    release();
    (await middle)();
    expect(order).toEqual(['newest', 'oldest', 'middle']);
    expect(lane.stats).toEqual({ active: 0, waiting: 0 });
  });

  it('drop a waiter whose request was aborted', async () => {
    const lane = new Lane('test', { concurrency: 1, queue: 5, maxWaitMs: 60_000, agedAfterMs: 60_000 });
    const held = await lane.acquire();
    const controller = new AbortController();
    const waiting = lane.acquire(controller.signal);
    controller.abort(new Error('client left'));
    await expect(waiting).rejects.toThrow('client left');
    expect(lane.stats.waiting).toBe(0);
    held();
  });
});

describe('backpressure and deadlines over HTTP', () => {
  it('answers 503 with Retry-After when the queue is full, and writes nothing', async () => {
    const admission = new Admission({ light: { concurrency: 1, queue: 0, maxWaitMs: 1_000, agedAfterMs: 1_000 }, heavy: { concurrency: 1, queue: 0, maxWaitMs: 1_000, agedAfterMs: 1_000 }, heavyFromCost: 4_000 });
    const api = await serve(db, { admission });
    const held = await admission.light.acquire();
    try {
      const before = await counts();
      const response = await post(api.url, '{ lookup(name: "福泉") { id } }');
      const body = await response.json();
      expect(response.status).toBe(503);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(body.errors[0].extensions.code).toBe('SERVICE_OVERLOADED');
      expect(await counts()).toEqual(before);
    } finally {
      held();
      await api.close();
    }
  });

  it('answers TIMEOUT when the budget runs out while the request waits, and frees its place in the queue', async () => {
    const admission = new Admission({ light: { concurrency: 1, queue: 5, maxWaitMs: 600_000, agedAfterMs: 600_000 }, heavy: { concurrency: 1, queue: 5, maxWaitMs: 600_000, agedAfterMs: 600_000 }, heavyFromCost: 4_000 });
    const api = await serve(db, { admission, limits: { ...DEFAULT_LIMITS, timeoutMs: 300 } });
    const held = await admission.light.acquire();
    try {
      const body = await (await post(api.url, '{ lookup(name: "福泉") { id } }')).json();
      expect(body.errors[0].extensions.code).toBe('TIMEOUT');
      expect(admission.light.stats.waiting).toBe(0);
    } finally {
      held();
      await api.close();
    }
  });

  it('drops a queued request from the queue when its client disconnects', async () => {
    const admission = new Admission({ light: { concurrency: 1, queue: 5, maxWaitMs: 600_000, agedAfterMs: 600_000 }, heavy: { concurrency: 1, queue: 5, maxWaitMs: 600_000, agedAfterMs: 600_000 }, heavyFromCost: 4_000 });
    const api = await serve(db, { admission, limits: { ...DEFAULT_LIMITS, timeoutMs: 600_000 } });
    const held = await admission.light.acquire();
    try {
      const client = new AbortController();
      const pending = post(api.url, '{ lookup(name: "福泉") { id } }', client.signal).catch((e: Error) => e);
      await vi.waitFor(() => expect(admission.light.stats.waiting).toBe(1), { timeout: 30_000 });
      client.abort();
      await pending;
      await vi.waitFor(() => expect(admission.light.stats.waiting).toBe(0), { timeout: 30_000 });
    } finally {
      held();
      await api.close();
    }
  });

  it('cancels Cypher when the request is aborted, and the driver stays usable', async () => {
    const controller = new AbortController();
    const scoped = db.forRequest({ roundTrips: 0, names: [] }, { signal: controller.signal, deadline: Date.now() + 60_000 });
    const running = scoped.read(Q.graphCounts, {});
    controller.abort(new Error('deadline'));
    await expect(running).rejects.toBeInstanceOf(GraphTimeoutError);
    await expect(scoped.read(Q.graphCounts, {})).rejects.toBeInstanceOf(GraphTimeoutError);
    expect((await counts()).nodes).toBeGreaterThan(0);
  });
});

/**
 * A TCP relay to the test Neo4j that can be cut and restored (an outage without stopping the shared
 * Neo4j), or stalled: bytes are held, sockets stay open (a Neo4j that hangs, as in its slow graceful stop).
 */
function relayTo(host: string, port: number) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let listenPort = 0;
  let stalled = false;
  const held: (() => void)[] = [];
  const forward = (from: Socket, to: Socket) =>
    from.on('data', (chunk) => {
      if (stalled) held.push(() => to.write(chunk));
      else to.write(chunk);
    });
  const open = () =>
    new Promise<number>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(port, host);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => {});
          s.on('close', () => (sockets.delete(s), client.destroy(), upstream.destroy()));
        }
        forward(client, upstream);
        forward(upstream, client);
      });
      server.listen(listenPort, '127.0.0.1', () => resolve((listenPort = (server!.address() as { port: number }).port)));
    });
  const cut = () =>
    new Promise<void>((resolve) => {
      held.length = 0;
      for (const s of sockets) s.destroy();
      server?.close(() => resolve());
    });
  const stall = () => void (stalled = true);
  const resume = () => {
    stalled = false;
    for (const send of held.splice(0)) send();
  };
  return { open, cut, stall, resume };
}

/** A server whose Neo4j is reached through a relay the tests can cut, stall and resume (set up around the describe). */
function serveThroughRelay(options: Parameters<typeof serve>[1] = {}) {
  const upstream = new URL(target.uri);
  const relay = relayTo(upstream.hostname, Number(upstream.port || 7687));
  const served = { relay } as { relay: typeof relay; graph: GraphDb; api: Awaited<ReturnType<typeof serve>> };
  beforeAll(async () => {
    const port = await relay.open();
    served.graph = GraphDb.connect(`bolt://127.0.0.1:${port}`, { username: target.username, password: target.password }, target.database);
    served.api = await serve(served.graph, options);
  });
  afterAll(async () => {
    relay.resume();
    await served.api.close();
    await served.graph.close();
    await relay.cut();
  });
  return served;
}

describe('an outage of Neo4j under a running server', () => {
  const served = serveThroughRelay();
  const relay = served.relay;

  const health = async () => {
    const response = await fetch(`${served.api.url}/health`);
    return { status: response.status, body: await response.json() };
  };

  it('says ok, then degraded with SERVICE_UNAVAILABLE answers while Neo4j is unreachable, then recovers without a restart', async () => {
    await vi.waitFor(async () => expect((await health()).body.status).toBe('ok'), { timeout: 60_000, interval: 500 });
    await relay.cut();
    await vi.waitFor(async () => {
      const h = await health();
      expect(h.status).toBe(503);
      expect(h.body.status).toBe('degraded');
    }, { timeout: 60_000, interval: 500 });
    const down = await (await post(served.api.url, '{ lookup(name: "福泉") { id } }')).json();
    expect(down.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    // The failed probe opened the breaker: a crowd is answered SERVICE_UNAVAILABLE, long before the clients' own abort.
    expect((await health()).body.breaker).not.toBe('closed');
    const crowd = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        post(served.api.url, `{ search(text: "福泉${i}", first: 3) { totalCount } }`, AbortSignal.timeout(20_000)).then((r) => r.json()),
      ),
    );
    expect(crowd.map((r) => r.errors?.[0]?.extensions?.code)).toEqual(Array(20).fill('SERVICE_UNAVAILABLE'));
    await relay.open();
    await vi.waitFor(async () => expect((await health()).body.status).toBe('ok'), { timeout: 60_000, interval: 500 });
    expect((await health()).body.breaker).toBe('closed');
    await vi.waitFor(async () => {
      const up = await (await post(served.api.url, '{ lookup(name: "福泉") { id } }')).json();
      expect(up.data?.lookup?.id).toBe('place:fuquan');
    }, { timeout: 60_000, interval: 500 });
  });
});

describe('a Neo4j that hangs under a running server (its slow graceful stop)', () => {
  // No response cache: its version read would be one more call on the hung Neo4j; this is about the request's own Cypher.
  const served = serveThroughRelay({ responseCache: ResponseCache.off() });
  const relay = served.relay;

  it('a request in flight is cancelled at the short budget of a troubled Neo4j and answered SERVICE_UNAVAILABLE (not TIMEOUT at its 10 s budget); a good probe lifts it', async () => {
    expect(DEFAULT_LIMITS.timeoutMs).toBeGreaterThan(TROUBLED_BUDGET_MS);
    await vi.waitFor(async () => expect((await (await fetch(`${served.api.url}/health`)).json()).status).toBe('ok'), { timeout: 60_000, interval: 500 });
    expect(served.graph.breaker.troubled).toBe(false);
    const cancelledBefore = served.graph.cancelledCalls;
    relay.stall();
    try {
      const answer = await (await post(served.api.url, '{ search(text: "福泉", first: 3) { totalCount } }', AbortSignal.timeout(60_000))).json();
      expect(answer.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
      expect(answer.errors[0].message).toMatch(/in trouble/);
      // Its search had started (a Cypher round trip) and was cancelled, not left to run on.
      expect(answer.extensions.cypher.queries).toContain('searchEntities');
      expect(served.graph.cancelledCalls).toBeGreaterThan(cancelledBefore);
      expect(served.graph.breaker.troubled).toBe(true);
    } finally {
      relay.resume();
    }
    await vi.waitFor(async () => expect((await (await fetch(`${served.api.url}/health`)).json()).status).toBe('ok'), { timeout: 60_000, interval: 500 });
    await vi.waitFor(() => expect(served.graph.breaker.troubled).toBe(false), { timeout: 30_000, interval: 200 });
    await vi.waitFor(async () => {
      const up = await (await post(served.api.url, '{ lookup(name: "福泉") { id } }')).json();
      expect(up.data?.lookup?.id).toBe('place:fuquan');
    }, { timeout: 60_000, interval: 500 });
  });
});

describe('the short budget of a troubled Neo4j (one rule: TROUBLED_BUDGET_MS in src/db/breaker.ts)', () => {
  afterEach(() => void vi.useRealTimers());

  it('cuts a request older than the budget at once when trouble begins, a younger one when it reaches it, and none once a probe is good', () => {
    vi.useFakeTimers();
    const breaker = new CircuitBreaker({ failuresToOpen: 3, openMs: 1_500 });
    const cut: string[] = [];
    const unwatchOld = breaker.watch(Date.now() - TROUBLED_BUDGET_MS - 1, () => cut.push('old'));
    vi.advanceTimersByTime(TROUBLED_BUDGET_MS * 2);
    expect(cut).toEqual([]); // no trouble: a request keeps its own budget
    breaker.watch(Date.now(), () => cut.push('young'));
    expect(breaker.watching).toBe(2);
    breaker.suspect('probe did not answer within 2000 ms');
    expect(breaker.troubled).toBe(true);
    expect(cut).toEqual(['old']);
    unwatchOld(); // harmless after the cut
    // One that arrives in the trouble keeps the short budget when it ends (Neo4j just back may be slow).
    breaker.watch(Date.now(), () => cut.push('arrived in trouble'));
    vi.advanceTimersByTime(TROUBLED_BUDGET_MS - 1);
    expect(cut).toEqual(['old']);
    breaker.healthy();
    expect(breaker.troubled).toBe(false);
    // Within RECOVERY_MS of the trouble's end, an arriving request still gets the short budget.
    breaker.watch(Date.now(), () => cut.push('just after'));
    vi.advanceTimersByTime(TROUBLED_BUDGET_MS * 2);
    expect(TROUBLED_BUDGET_MS * 2).toBeGreaterThan(RECOVERY_MS);
    expect(cut).toEqual(['old', 'arrived in trouble', 'just after']); // the good probe gave 'young' its own budget back
    const arrived = Date.now();
    breaker.watch(arrived, () => cut.push('during'));
    breaker.settle('down', 'refused');
    breaker.settle('down', 'refused');
    breaker.settle('down', 'refused'); // the breaker opens: trouble too
    vi.advanceTimersByTime(TROUBLED_BUDGET_MS - 1);
    expect(cut).toEqual(['old', 'arrived in trouble', 'just after', 'young']); // 'young' was older than the budget by now: cut at once
    vi.advanceTimersByTime(1);
    expect(cut).toEqual(['old', 'arrived in trouble', 'just after', 'young', 'during']);
    expect(breaker.watching).toBe(0);
  });

  it('tells a Neo4j that answers nothing (suspect) from a busy one (other calls still succeed)', () => {
    vi.useFakeTimers();
    const breaker = new CircuitBreaker({ failuresToOpen: 3, openMs: 1_500 });
    expect(breaker.answeredWithin(2_000)).toBe(false);
    breaker.settle('ok');
    expect(breaker.answeredWithin(2_000)).toBe(true);
    vi.advanceTimersByTime(2_000);
    expect(breaker.answeredWithin(2_000)).toBe(false);
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive connection failures, refuses while open, lets one trial through when half-open, and closes on success', async () => {
    const breaker = new CircuitBreaker({ failuresToOpen: 2, openMs: 50 });
    const opened: string[] = [];
    breaker.onOpen((reason) => opened.push(reason));
    expect(breaker.admit()).toBe('pass');
    breaker.settle('down', 'refused');
    expect(breaker.state).toBe('closed');
    breaker.settle('neutral');
    breaker.settle('down', 'refused again');
    expect(breaker.state).toBe('open');
    expect(opened).toEqual(['refused again']);
    expect(breaker.admit()).toBe('refuse');
    await new Promise((r) => setTimeout(r, 80));
    expect(breaker.state).toBe('half-open');
    expect(breaker.admit()).toBe('trial');
    expect(breaker.admit()).toBe('refuse');
    breaker.settle('down', 'still down', true);
    expect(breaker.state).toBe('open');
    await new Promise((r) => setTimeout(r, 80));
    expect(breaker.admit()).toBe('trial');
    breaker.settle('ok', undefined, true);
    expect(breaker.state).toBe('closed');
    expect(breaker.admit()).toBe('pass');
    breaker.trip('probe failed');
    expect(breaker.state).toBe('open');
    expect(opened).toEqual(['refused again', 'probe failed']);
  });

  it('a renewed driver (what the probe does after a long outage) answers at once, and the old one is closed', async () => {
    const own = GraphDb.connect(target.uri, { username: target.username, password: target.password }, target.database);
    try {
      expect((await own.read(Q.graphCounts, {}))[0].nodes).toBeGreaterThan(0);
      own.renewDriver();
      expect((await own.read(Q.graphCounts, {}))[0].nodes).toBeGreaterThan(0);
    } finally {
      await own.close();
    }
  });

  it('a slow Neo4j opens the breaker for new work but leaves the work in progress running; unreachable cancels it', () => {
    const breaker = new CircuitBreaker({ failuresToOpen: 2, openMs: 50 });
    const cancelled: string[] = [];
    breaker.onOpen((reason) => cancelled.push(reason));
    breaker.trip('slow probe', 'slow');
    expect(breaker.state).toBe('open');
    expect(breaker.admit()).toBe('refuse');
    expect(cancelled).toEqual([]);
    expect(breaker.troubled).toBe(false); // slowness alone does not shorten the budget of running requests
    breaker.trip('connection refused', 'unreachable');
    breaker.trip('connection refused again', 'unreachable');
    expect(cancelled).toEqual(['connection refused']);
  });

  it('a query error proves Neo4j answers: it does not count as a failure', () => {
    const breaker = new CircuitBreaker({ failuresToOpen: 2, openMs: 50 });
    breaker.settle('down', 'x');
    breaker.settle('ok');
    breaker.settle('down', 'x');
    expect(breaker.state).toBe('closed');
  });
});

describe('driver errors are translated', () => {
  const neo4jError = (message: string, code: string) => new neo4j.Neo4jError(message, code, 'N/A', 'N/A');
  it.each([
    ['Pool is closed, it is no more able to serve requests.', 'N/A'],
    ['Failed to connect to server. Caused by: connect ECONNREFUSED 127.0.0.1:7687', 'ServiceUnavailable'],
    ['Connection acquisition timed out in 3000 ms.', 'N/A'],
    ['Database is not available', 'Neo.TransientError.General.DatabaseUnavailable'],
    ['write EPIPE', 'N/A'],
    ['session expired', 'SessionExpired'],
  ])('%s (%s) → unavailable', (message, code) => {
    expect(translate('q', neo4jError(message, code))).toBeInstanceOf(GraphUnavailableError);
  });

  it('a socket error outside the driver, a timeout, a query error and a caller error', () => {
    expect(translate('q', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBeInstanceOf(GraphUnavailableError);
    expect(translate('q', neo4jError('timed out', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'))).toBeInstanceOf(GraphTimeoutError);
    expect(translate('q', neo4jError('Invalid input', 'Neo.ClientError.Statement.SyntaxError'))).toBeInstanceOf(GraphQueryError);
    const own = new Error('refused by the caller');
    expect(translate('q', own)).toBe(own);
  });

  it('a Neo4j nobody listens for: every request answered SERVICE_UNAVAILABLE (never INTERNAL_SERVER_ERROR), and the breaker opens', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer();
      probe.listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      });
    });
    const nowhere = GraphDb.connect(`bolt://127.0.0.1:${port}`, { username: target.username, password: target.password }, target.database);
    const api = await serve(nowhere);
    try {
      const before = await counts();
      const queries = Array.from({ length: 12 }, (_, i) => (i % 2 ? `{ lookup(name: "福泉${i}") { id } }` : `{ search(text: "磷${i}", first: 2) { totalCount } }`));
      const answers = await Promise.all(queries.map(async (q) => (await post(api.url, q, AbortSignal.timeout(20_000))).json()));
      expect(answers.map((a) => a.errors?.[0]?.extensions?.code)).toEqual(Array(12).fill('SERVICE_UNAVAILABLE'));
      expect(nowhere.breaker.state).not.toBe('closed');
      expect(await counts()).toEqual(before);
    } finally {
      await api.close();
      await nowhere.close();
    }
  });
});
