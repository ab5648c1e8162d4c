import { monitorEventLoopDelay } from 'node:perf_hooks';
import { GraphUnavailableError, type GraphDb } from '../db/graph.js';
import { Q } from '../db/queries.js';

export interface Health {
  /** ok: the last probe reached Neo4j; degraded: it did not (the API answers SERVICE_UNAVAILABLE meanwhile). */
  status: 'ok' | 'degraded';
  neo4j: { version: string | null; edition: string | null; nodes: number; relationships: number; entitiesByKind: Record<string, number> };
  /** When the answer was measured (ISO time) and how old it is. */
  checkedAt: string | null;
  ageMs: number | null;
  error?: string;
  /** How late this process's event loop ran its timers over the last second (p99 and max, ms): a busy or blocked API. */
  eventLoop?: { delayP99Ms: number; delayMaxMs: number };
}

// Every second, and a probe that takes longer than 2 s counts as a failure (its work goes on): an unreachable
// Neo4j opens the breaker at the first failed probe, so the work waiting on it is cancelled within a few
// seconds (the 5 s target of issue 12); a merely slow one at the third in a row (~8 s), so a busy machine
// does not make the API refuse work Neo4j would still do.
const PROBE_EVERY_MS = 1_000;
const PROBE_TIMEOUT_MS = 2_000;
const RENEW_AFTER_MS = 8_000;
const PROBE_WORK_MS = 10_000;
/** /health never waits longer than this, even for the very first probe. */
const ANSWER_WITHIN_MS = 800;

const UNKNOWN = { version: null, edition: null, nodes: 0, relationships: 0, entitiesByKind: {} };

/**
 * /health from a cached probe: one background probe every second, so /health
 * answers at once whatever Neo4j does, and a dead Neo4j costs one probe, not one per caller.
 */
export class HealthProbe {
  private last: { health: Health; at: number } | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private slowProbes = 0;
  private measuring: Promise<Omit<Health, 'checkedAt' | 'ageMs'>> | null = null;
  private failedSince: number | null = null;
  private renewedAt = 0;
  private readonly loopDelay = monitorEventLoopDelay({ resolution: 10 });
  private loopWindow: Health['eventLoop'] = { delayP99Ms: 0, delayMaxMs: 0 };
  constructor(private readonly db: GraphDb) {
    // The first probe starts with the server, so the first caller rarely waits.
    void this.current();
  }

  /** Probe in the background too (every second), so an outage opens the breaker and a recovery closes it without traffic. */
  start(): this {
    this.loopDelay.enable();
    this.timer ??= setInterval(() => {
      // The last second's event-loop delay (the histogram counts in ns, and only delays past its 10 ms resolution).
      const ms = (ns: number) => Math.round(ns / 1e5) / 10;
      this.loopWindow = { delayP99Ms: ms(this.loopDelay.percentile(99)), delayMaxMs: ms(this.loopDelay.max) };
      this.loopDelay.reset();
      void this.current();
    }, PROBE_EVERY_MS).unref();
    return this;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.loopDelay.disable();
  }

  async current(): Promise<Health> {
    const stale = !this.last || Date.now() - this.last.at > PROBE_EVERY_MS;
    if (stale && !this.inFlight) {
      this.inFlight = this.probe().finally(() => (this.inFlight = null));
    }
    if (!this.last && this.inFlight) await Promise.race([this.inFlight, delay(ANSWER_WITHIN_MS)]);
    if (!this.last) return { status: 'degraded', neo4j: UNKNOWN, checkedAt: null, ageMs: null, error: 'Neo4j has not answered the first probe yet', eventLoop: this.loopWindow };
    return { ...this.last.health, ageMs: Date.now() - this.last.at, eventLoop: this.loopWindow };
  }

  private async probe(): Promise<void> {
    const at = Date.now();
    try {
      // The probe reaches Neo4j even while the circuit breaker is open (its answer is what closes or trips
      // it), and its Cypher is cancelled when it runs out of time.
      // Its answer counts as slow after PROBE_TIMEOUT_MS, but its Cypher may finish later (up to
      // PROBE_WORK_MS): a connection being opened to a Neo4j that has just come back is kept, not thrown
      // away, and the late success closes the breaker.
      const probing = this.db.probing({ signal: AbortSignal.timeout(PROBE_WORK_MS), deadline: Date.now() + PROBE_WORK_MS });
      // One measurement at a time: a slow one is waited for again, not doubled.
      this.measuring ??= this.measure(probing).finally(() => (this.measuring = null));
      const answer = await Promise.race([this.measuring, delay(PROBE_TIMEOUT_MS).then(() => Promise.reject(new Error(`Neo4j did not answer within ${PROBE_TIMEOUT_MS} ms`)))]);
      this.last = { health: { ...answer, checkedAt: new Date(at).toISOString(), ageMs: 0 }, at };
      this.slowProbes = 0;
      this.failedSince = null;
      this.db.breaker.healthy();
    } catch (error) {
      // Keep the last known counts: they say what the graph held when it was last seen.
      const known = this.last?.health.neo4j ?? UNKNOWN;
      // Unreachable opens the breaker at once; merely slow (a busy machine) only three times in a row.
      this.slowProbes = error instanceof GraphUnavailableError ? 0 : this.slowProbes + 1;
      // Failing for a while: start again from an empty connection pool (at most every RENEW_AFTER_MS), so
      // connections stuck on the Neo4j that went away cannot outlive it.
      // Only when unreachable: a pool renewed while Neo4j is merely slow would close the connections of
      // work still running on it (a long bulk write, say).
      if (error instanceof GraphUnavailableError) this.failedSince ??= at;
      if (this.failedSince !== null && at - this.failedSince >= RENEW_AFTER_MS && at - this.renewedAt >= RENEW_AFTER_MS) {
        this.renewedAt = at;
        this.db.renewDriver();
      }
      const reason = (error as Error).message.split('\n')[0];
      // A failed probe, or a slow one while no other call succeeded either (Neo4j hangs rather than being
      // busy): requests get the breaker's short budget until a probe answers in time.
      if (error instanceof GraphUnavailableError || !this.db.breaker.answeredWithin(PROBE_TIMEOUT_MS)) this.db.breaker.suspect(reason);
      if (error instanceof GraphUnavailableError) this.db.breaker.trip(reason, 'unreachable');
      else if (this.slowProbes >= 3) this.db.breaker.trip(reason, 'slow');
      this.last = { health: { status: 'degraded', neo4j: known, checkedAt: new Date(at).toISOString(), ageMs: 0, error: (error as Error).message.split('\n')[0] }, at };
    }
  }

  private async measure(db: GraphDb): Promise<Omit<Health, 'checkedAt' | 'ageMs'>> {
    const [[info], [counts], [byKind]] = await Promise.all([db.read(Q.serverInfo, {}), db.read(Q.graphCounts, {}), db.read(Q.graphCountsByKind, {})]);
    return {
      status: 'ok',
      neo4j: {
        version: String(info.version),
        edition: String(info.edition),
        nodes: Number(counts.nodes),
        relationships: Number(counts.relationships),
        entitiesByKind: Object.fromEntries(byKind.nodeRows.map((r) => [r.key, r.count])),
      },
    };
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());
