import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Spaces calls to at most `perSecond` per second (no limit when undefined), so a replay does
 * not flood a downstream that is serving live traffic at the same time.
 */
export class Throttle {
  private next = 0;
  constructor(private readonly perSecond?: number) {}

  async wait(signal?: AbortSignal): Promise<void> {
    if (!this.perSecond) return;
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 1000 / this.perSecond;
    if (at > now) await sleep(at - now, undefined, { signal });
  }
}

/** Where progress goes: a bar redrawn in place on a terminal, plain lines elsewhere (CI logs). */
export interface ProgressSink {
  isTTY?: boolean;
  write(text: string): void;
}

/** Reports done/total with a summary, at most every 100 ms on a TTY and every 2 s (or at the end) as lines. */
export class ProgressReporter {
  private last = 0;
  private readonly started = Date.now();

  constructor(
    private readonly sink: ProgressSink,
    private readonly label: string,
    private readonly total: number,
  ) {}

  update(done: number, summary: string, final = false): void {
    const now = Date.now();
    if (!final && now - this.last < (this.sink.isTTY ? 100 : 2000)) return;
    this.last = now;
    const pct = this.total === 0 ? 100 : Math.floor((done / this.total) * 100);
    const rate = done / Math.max(0.001, (now - this.started) / 1000);
    if (this.sink.isTTY) {
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      this.sink.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${this.total} ${pct}% ${rate.toFixed(1)}/s ${summary}\x1b[K${final ? '\n' : ''}`);
    } else {
      this.sink.write(`${this.label}: ${done}/${this.total} (${pct}%) ${rate.toFixed(1)}/s ${summary}\n`);
    }
  }
}
