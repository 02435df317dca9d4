/**
 * Tells an isolated failure from a downstream that is down: after `threshold` consecutive
 * records failed (retriably, after their in-place retries), the breaker is open and the
 * consumer applies back-pressure (stops taking records and probes) instead of parking every
 * shipment on the retry topic. One success closes it.
 */
export class ConsecutiveFailureBreaker {
  private failures = 0;

  constructor(private readonly threshold: number) {}

  /** Records a failure; true when the breaker is (now) open. */
  failure(): boolean {
    this.failures++;
    return this.isOpen;
  }

  success(): void {
    this.failures = 0;
  }

  get isOpen(): boolean {
    return this.failures >= this.threshold;
  }
}
