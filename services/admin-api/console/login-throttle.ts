/**
 * Slows password guessing: at most `max` failed logins per client address within `windowMs`;
 * further attempts are refused until the oldest failure leaves the window.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max = 10,
    private readonly windowMs = 5 * 60_000,
  ) {}

  private recent(client: string, now: number): number[] {
    const list = (this.failures.get(client) ?? []).filter((t) => t > now - this.windowMs);
    if (list.length === 0) this.failures.delete(client);
    else this.failures.set(client, list);
    return list;
  }

  /** Seconds until `client` may try again, or 0 when it may try now. */
  blockedFor(client: string, now = Date.now()): number {
    const list = this.recent(client, now);
    return list.length < this.max ? 0 : Math.ceil((list[0]! + this.windowMs - now) / 1000);
  }

  /** Records a failed login. */
  fail(client: string, now = Date.now()): void {
    this.failures.set(client, [...this.recent(client, now), now]);
  }

  /** Forgets a client's failures after a successful login. */
  succeed(client: string): void {
    this.failures.delete(client);
  }
}
