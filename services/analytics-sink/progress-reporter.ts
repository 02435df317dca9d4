/** Where progress goes: a stream, told whether it is a terminal. */
export interface ProgressOutput {
  write(chunk: string): unknown;
  isTTY?: boolean;
}

/** One progress reading. */
export interface ProgressReading {
  done: number;
  total: number;
  elapsedMs: number;
}

const fmt = new Intl.NumberFormat('en-US');

/** "12,345/50,000 events  24.7%  8,123 ev/s  eta 5 s" for one reading. */
export function progressLine(r: ProgressReading): string {
  const pct = r.total > 0 ? (100 * r.done) / r.total : 100;
  const rate = r.elapsedMs > 0 ? (r.done * 1000) / r.elapsedMs : 0;
  const eta = rate > 0 ? Math.ceil((r.total - r.done) / rate) : undefined;
  return `${fmt.format(r.done)}/${fmt.format(r.total)} events  ${pct.toFixed(1)}%  ${fmt.format(Math.round(rate))} ev/s  eta ${eta === undefined ? '?' : `${eta} s`}`;
}

/**
 * Prints backfill progress: on a terminal, one bar rewritten in place; otherwise (logs, CI,
 * pipes) one plain line per reading, so the output stays readable in a file.
 */
export class ProgressReporter {
  private readonly started = Date.now();

  constructor(
    private readonly out: ProgressOutput,
    private readonly label = 'backfill',
  ) {}

  /** Milliseconds since the reporter was created. */
  get elapsedMs(): number {
    return Date.now() - this.started;
  }

  /** Reports `done` of `total` records. */
  update(done: number, total: number): void {
    const line = progressLine({ done, total, elapsedMs: this.elapsedMs });
    if (this.out.isTTY) {
      const width = 30;
      const filled = total > 0 ? Math.min(width, Math.round((width * done) / total)) : width;
      this.out.write(`\r${this.label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${line}\x1b[K`);
    } else {
      this.out.write(`${this.label} ${line}\n`);
    }
  }

  /** Ends the bar (on a terminal) and prints a closing line. */
  finish(summary: string): void {
    this.out.write(`${this.out.isTTY ? '\n' : ''}${this.label} ${summary}\n`);
  }
}
