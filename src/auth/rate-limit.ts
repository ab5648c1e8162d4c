/**
 * Failed authentication attempts per client (remote address). After `limit` failures within
 * `windowMs` the client is refused, even with a good token, until the window has passed.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  private recent(client: string): number[] {
    const since = this.now() - this.windowMs;
    const kept = (this.failures.get(client) ?? []).filter((t) => t > since);
    if (kept.length) this.failures.set(client, kept);
    else this.failures.delete(client);
    return kept;
  }

  blocked(client: string): boolean {
    return this.recent(client).length >= this.limit;
  }

  fail(client: string): void {
    this.failures.set(client, [...this.recent(client), this.now()]);
  }
}
