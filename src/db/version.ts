/**
 * The graph version as this process knows it (the response cache's key; docs/limits.md). Every write
 * transaction bumps the version in Neo4j as its last statement (src/db/graph.ts), so one Neo4j serves
 * any number of stateless API replicas: each reads the version at most once per `maxAgeMs` (concurrent
 * callers share one read), and a replica that wrote knows the new version at once.
 */
export interface VersionStamp {
  version: number;
  stamp: string;
}

export class GraphVersion {
  private known: (VersionStamp & { at: number }) | null = null;
  private inFlight: Promise<void> | null = null;

  constructor(
    private readonly fetch: () => Promise<VersionStamp>,
    readonly maxAgeMs = 1_000,
  ) {}

  /** The current stamp, at most `maxAgeMs` old; null when Neo4j cannot say (callers then bypass the cache). */
  async current(): Promise<string | null> {
    if (this.known && Date.now() - this.known.at < this.maxAgeMs) return this.known.stamp;
    if (!this.inFlight) {
      // The age counts from when the read started: what it returns was true at least since then.
      const startedAt = Date.now();
      this.inFlight = this.fetch()
        .then((v) => void this.remember(v, startedAt))
        .catch(() => void (this.known = null))
        .finally(() => (this.inFlight = null));
    }
    await this.inFlight;
    return this.known?.stamp ?? null;
  }

  /** A write of this process committed with this version. */
  wrote(v: VersionStamp): void {
    this.remember(v, Date.now());
  }

  private remember(v: VersionStamp, at: number): void {
    // A read that started before this process's own write must not bring back the older version.
    if (this.known && this.known.version > v.version && this.known.at > at) return;
    this.known = { ...v, at };
  }
}
