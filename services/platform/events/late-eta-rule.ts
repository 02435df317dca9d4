import type { IoLogisticsEvents } from './canonical-event.ts';

/** The default lateness threshold: 2 hours. */
export const defaultLateEtaThresholdMs = 2 * 3_600_000;

/** What an ETA update is compared with. */
export type EtaBaselineKind = 'planned-delivery' | 'previous-eta';

/** The verdict on one ETA update. */
export interface EtaVerdict {
  late: boolean;
  /** The promise the new ETA is compared with; null when there is none (first ETA, no plan known). */
  baseline: Date | null;
  baselineKind: EtaBaselineKind | null;
  /** newEta − baseline in milliseconds (negative when earlier); null without a baseline. */
  delayMs: number | null;
}

/**
 * The "late ETA" rule shared by the CRM consumer and the notification service, so that a
 * customer told "delayed" and a CRM case agree:
 *
 * An EtaUpdated is late when its `newEta` is more than `thresholdMs` (default 2 h) after the
 * baseline. The baseline is the shipment's planned delivery time (ShipmentPlanned.plannedDeliveryAt)
 * when the consumer has seen it, otherwise the event's `previousEta`. The plan comes first so
 * that an ETA creeping by an hour per update is still caught once it is 2 h behind the promise.
 * Without either (the very first ETA of an unplanned shipment) nothing is late.
 */
export function judgeEta(event: Pick<IoLogisticsEvents.EtaUpdated, 'newEta' | 'previousEta'>, plannedDeliveryAt: Date | null, thresholdMs = defaultLateEtaThresholdMs): EtaVerdict {
  const baseline = plannedDeliveryAt ?? event.previousEta;
  if (!baseline) return { late: false, baseline: null, baselineKind: null, delayMs: null };
  const delayMs = event.newEta.getTime() - baseline.getTime();
  return { late: delayMs > thresholdMs, baseline, baselineKind: plannedDeliveryAt ? 'planned-delivery' : 'previous-eta', delayMs };
}
