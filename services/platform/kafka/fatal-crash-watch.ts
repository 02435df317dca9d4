import type { Logger } from '../logging/logger.ts';
import type { ConsumerPort } from './kafka-port.ts';

/**
 * Remembers the first fatal crash of a consumer's ports (see ConsumerPort.onFatalCrash) and
 * logs it once. Readiness and liveness read `failure`: a consumer whose client gave up must
 * not keep reporting ready while nothing is consumed (only lag showed it before).
 */
export class FatalCrashWatch {
  private error: Error | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly consumer: string,
  ) {}

  /** Watches one port; `role` names it in the log line (e.g. "main", "retry"). */
  watch(port: ConsumerPort, role: string): void {
    port.onFatalCrash((err) => {
      if (this.error) return;
      this.error = err;
      this.logger.error(
        { consumer: this.consumer, role, err: err.message, cause: (err.cause as Error | undefined)?.message },
        'consumer stopped for good after an error it will not retry: reporting not ready and not live, so the service gets restarted',
      );
    });
  }

  /** The error that stopped a watched port for good, if one did. */
  get failure(): Error | undefined {
    return this.error;
  }
}
