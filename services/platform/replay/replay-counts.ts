/** What a replay did, or would do, for one consumer. */
export interface ConsumerCounts {
  /** Handler calls that perform the side effect (e.g. ERP postings, notifications sent). */
  calls: number;
  /** Events the effect ledger says this consumer already handled: skipped. */
  alreadyDone: number;
  /** Handled but held back (e.g. notifications of events older than NOTIFICATION_MAX_EVENT_AGE). */
  heldBack: number;
  /** Handled without a downstream effect (e.g. a directory update, an ETA that is not late). */
  noEffect: number;
  /** Event types this consumer does not handle. */
  notHandled: number;
}

/** Counts of a whole replay (or its preview). */
export interface ReplayCounts {
  /** Records read in the window. */
  records: number;
  /** Records left out by --shipment / --event-type. */
  filteredOut: number;
  /** Records that cannot be decoded (they were dead-lettered when first consumed). */
  undecodable: number;
  consumers: Record<string, ConsumerCounts>;
}

/** Zero counts for these consumers. */
export function emptyCounts(consumers: string[]): ReplayCounts {
  return { records: 0, filteredOut: 0, undecodable: 0, consumers: Object.fromEntries(consumers.map((c) => [c, { calls: 0, alreadyDone: 0, heldBack: 0, noEffect: 0, notHandled: 0 }])) };
}

/** One line per consumer, e.g. "erp-consumer: 120 calls, 3 already done, 0 held back, 0 without effect, 40 not handled". */
export function describeCounts(c: ReplayCounts): string[] {
  const head = `${c.records} records in the window, ${c.filteredOut} filtered out, ${c.undecodable} undecodable`;
  return [
    head,
    ...Object.entries(c.consumers).map(
      ([name, k]) => `${name}: ${k.calls} calls, ${k.alreadyDone} already done, ${k.heldBack} held back, ${k.noEffect} without effect, ${k.notHandled} not handled`,
    ),
  ];
}
