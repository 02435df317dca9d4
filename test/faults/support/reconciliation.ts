import type { DemoErp } from '../../../services/demo-erp/demo-erp.ts';
import type { LoadFigures, VendorLoad } from './vendor-load.ts';

/** What a fault scenario ends with: every acknowledged event against what the ERP received. */
export interface Reconciliation extends LoadFigures {
  scenario: string;
  /** Canonical events the adapter acknowledged (2xx) to the vendor. */
  acknowledgedEvents: number;
  /** Acknowledged events the ERP posted. */
  delivered: number;
  /** Acknowledged events the ERP never posted. */
  lost: number;
  /** Postings beyond the first for one event (the ERP's own ledger of postings). */
  duplicates: number;
  /** Calls repeated after the ERP had already answered 2xx for that event (absorbed by its Idempotency-Key). */
  repeatedCalls: number;
  /** Shipments whose postings did not follow the vendor's order. */
  outOfOrder: number;
  /** The first few problems, for the failure message. */
  problems: string[];
}

/**
 * Compares what the vendor was told (acknowledged deliveries and their event ids) with what
 * the downstream ERP saw: lost events, duplicate postings, repeated calls and per-shipment order.
 */
export function reconcile(scenario: string, load: VendorLoad, erp: DemoErp): Reconciliation {
  const problems: string[] = [];
  const acked = load.deliveries.filter((d) => d.ackedEventIds);
  const ackedIds = acked.flatMap((d) => d.ackedEventIds!);
  // Counted by the event id in the posting's body, not by key: a consumer that sent one event
  // under two keys would get two postings from the ERP, and this catches it.
  const postingsPerEvent = new Map<string, number>();
  const successSeen = new Set<string>();
  let repeatedCalls = 0;
  for (const r of erp.requests) {
    if (!r.idempotencyKey) continue;
    if (successSeen.has(r.idempotencyKey)) repeatedCalls++;
    if (erp.postings.has(r.idempotencyKey)) successSeen.add(r.idempotencyKey);
  }
  for (const p of erp.postings.values()) {
    const id = String(p.body.eventId);
    postingsPerEvent.set(id, (postingsPerEvent.get(id) ?? 0) + 1);
  }
  const lostIds = ackedIds.filter((id) => !postingsPerEvent.has(id));
  for (const id of lostIds.slice(0, 5)) problems.push(`acknowledged event ${id} never reached the ERP`);
  const duplicates = [...postingsPerEvent.values()].reduce((n, c) => n + c - 1, 0);

  let outOfOrder = 0;
  const byShipment = new Map<string, string[]>();
  for (const d of acked.sort((a, b) => a.seq - b.seq)) byShipment.set(d.shipmentId, [...(byShipment.get(d.shipmentId) ?? []), ...d.ackedEventIds!]);
  const keysByShipment = new Map<string, string[]>();
  for (const r of erp.requests) {
    const shipment = String(r.body.shipmentId);
    const keys = keysByShipment.get(shipment) ?? [];
    keys.push(r.idempotencyKey!);
    keysByShipment.set(shipment, keys);
  }
  for (const [shipment, expected] of byShipment) {
    const firstCalls = [...new Set(keysByShipment.get(shipment) ?? [])];
    const seen = firstCalls.filter((k) => expected.includes(k));
    if (seen.join() !== expected.filter((k) => seen.includes(k)).join()) {
      outOfOrder++;
      if (problems.length < 8) problems.push(`shipment ${shipment}: ERP saw ${seen.join(',')} but the vendor sent ${expected.join(',')}`);
    }
  }
  for (const d of load.deliveries.filter((x) => !x.ackedEventIds).slice(0, 3)) problems.push(`delivery ${d.webhookId} never acknowledged: ${d.lastError}`);
  return {
    scenario,
    ...load.figures(),
    acknowledgedEvents: ackedIds.length,
    delivered: ackedIds.length - lostIds.length,
    lost: lostIds.length,
    duplicates,
    repeatedCalls,
    outOfOrder,
    problems,
  };
}

/** One line of figures per scenario, the way `npm run test:faults` prints them. */
export function formatFigures(r: Reconciliation): string {
  return (
    `[faults] ${r.scenario}: sent ${r.sent}, acknowledged ${r.acknowledged} (${r.acknowledgedEvents} events, ` +
    `${r.retried} retried by the vendor, ${r.attempts} attempts), delivered ${r.delivered}, lost ${r.lost}, ` +
    `duplicates ${r.duplicates}, repeated calls ${r.repeatedCalls}, out of order ${r.outOfOrder}`
  );
}
