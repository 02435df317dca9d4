import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';
import { lookupCode, type VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { x12DateTime, x12TimeCodeZone } from '../../platform/ingest/x12/x12-date-time.ts';
import { element, transactionSetsOf, type X12Interchange, type X12Segment, type X12TransactionSet } from '../../platform/ingest/x12/x12-interchange.ts';
import { X12Issues } from '../../platform/ingest/x12/x12-issues.ts';
import { carrierLocation, countryCodeOf, countryOfSubdivision } from './carrier-location.ts';
import { carrierStatusEvent } from './carrier-status-event.ts';
import type { CarrierReasonRule, CarrierStatusRule } from './carrier-status-rule.ts';
import { x12AppointmentStatusCodes, x12ShipmentStatusCodes, x12StatusReasonCodes } from './x12-214-status-codes.ts';
import { x12VendorEventId } from './x12-vendor-event-id.ts';

/** One AT7 status of a 214, with its codes resolved. */
export interface X12Status {
  rule: CarrierStatusRule;
  statusCode: string;
  reasonCode: string | null;
  reason: CarrierReasonRule | null;
  /** AT7-05/06/07 as a UTC instant: the status time, or the estimate/appointment for ETA codes. */
  at: Date;
  timeZone: string | null;
  location: IoLogisticsCommon.Location | null;
  trackingNumber: string | null;
  piecesDelivered: number | null;
}

/** One 214 transaction set: one shipment's statuses. */
export interface X12ShipmentStatus {
  controlNumber: string;
  shipmentId: string;
  carrierCode: string;
  statuses: X12Status[];
}

/** A validated 214 interchange. */
export interface X12StatusMessage {
  vendorEventId: string;
  shipments: X12ShipmentStatus[];
}

/** Splits a transaction set's segments into loops that start with `id` (segments before the first are dropped). */
function loops(segments: readonly X12Segment[], id: string): X12Segment[][] {
  const out: X12Segment[][] = [];
  for (const s of segments) {
    if (s.id === id) out.push([s]);
    else out.at(-1)?.push(s);
  }
  return out;
}

function readLocation(ms1: X12Segment, path: string, issues: X12Issues): IoLogisticsCommon.Location | null {
  const [city, state, country] = [1, 2, 3].map((n) => element(ms1, n).trim());
  if (!city && !state && !country) return null;
  const countryCode = country ? countryCodeOf(country) : state ? countryOfSubdivision(state) : undefined;
  if (!countryCode) {
    return issues.add(`${path}.MS1-03`, country ? `country code "${country}" is not ISO 3166-1` : `country required: state "${state}" is not a US state or Canadian province`) ?? null;
  }
  return carrierLocation({ city, state, countryCode });
}

function readStatuses(loop: X12Segment[], lp: string, fallbackTracking: string | null, issues: X12Issues): X12Status[] {
  const tracking = loop.find((s) => s.id === 'L11' && element(s, 2) === '2I');
  const at8 = loop.find((s) => s.id === 'AT8');
  const pieces = issues.count(at8, 4, lp);
  const at7s = loop.filter((s) => s.id === 'AT7');
  if (at7s.length === 0) issues.add(`${lp}.AT7`, 'required segment missing');
  const out: X12Status[] = [];
  at7s.forEach((at7, j) => {
    const ep = (n: number) => `${lp}.AT7${j > 0 ? `[${j + 1}]` : ''}-${String(n).padStart(2, '0')}`;
    const statusCode = element(at7, 1).trim();
    const apptCode = element(at7, 3).trim();
    if (Boolean(statusCode) === Boolean(apptCode)) {
      issues.add(ep(1), 'exactly one of AT7-01 (shipment status) and AT7-03 (appointment status) is required');
      return;
    }
    const rule: CarrierStatusRule = statusCode
      ? lookupCode(x12ShipmentStatusCodes, statusCode, ep(1), 'X12 214 shipment status code (AT7-01)')
      : lookupCode(x12AppointmentStatusCodes, apptCode, ep(3), 'X12 214 appointment status code (AT7-03)');
    const reasonCode = element(at7, statusCode ? 2 : 4).trim() || null;
    const reason = reasonCode ? lookupCode(x12StatusReasonCodes, reasonCode, ep(statusCode ? 2 : 4), 'X12 214 status reason code') : null;
    const at = issues.attempt(() => x12DateTime(element(at7, 5), element(at7, 6), element(at7, 7), { date: ep(5), time: ep(6), timeCode: ep(7) }));
    // The MS1 of a status is the one that follows its AT7, before the next AT7.
    const next = at7s[j + 1];
    const ms1 = loop.find((s) => s.id === 'MS1' && s.index > at7.index && (!next || s.index < next.index));
    const location = ms1 ? readLocation(ms1, lp, issues) : null;
    if (!at) return;
    out.push({
      rule,
      statusCode: statusCode || apptCode,
      reasonCode,
      reason,
      at,
      timeZone: x12TimeCodeZone(element(at7, 7)),
      location,
      trackingNumber: tracking ? element(tracking, 1).trim() || fallbackTracking : fallbackTracking,
      piecesDelivered: pieces,
    });
  });
  return out;
}

function readShipment(ts: X12TransactionSet, issues: X12Issues): X12ShipmentStatus | undefined {
  const p = `ST[${ts.controlNumber}]`;
  const b10 = ts.segments.find((s) => s.id === 'B10');
  if (!b10) return issues.add(`${p}.B10`, 'required segment missing');
  const shipmentId = issues.required(b10, 2, p);
  const carrierCode = issues.required(b10, 3, p);
  if (carrierCode && !/^[A-Z]{2,4}$/.test(carrierCode)) issues.add(`${p}.B10-03`, `"${carrierCode}" is not a SCAC (2-4 capital letters)`);
  const pro = element(b10, 1).trim() || null;
  const lxLoops = loops(ts.segments, 'LX');
  if (lxLoops.length === 0) issues.add(`${p}.LX`, 'at least one LX status loop is required');
  const statuses = lxLoops.flatMap((loop, i) => readStatuses(loop, `${p}.LX[${element(loop[0]!, 1) || i + 1}]`, pro, issues));
  if (!shipmentId || !carrierCode) return undefined;
  return { controlNumber: ts.controlNumber, shipmentId, carrierCode, statuses };
}

/**
 * X12 214 Transportation Carrier Shipment Status Message → one canonical event per AT7
 * status, in message order, by the code tables in x12-214-status-codes.ts.
 * Reads: B10-01 carrier reference (PRO, the tracking number unless the LX loop has an
 * L11*…*2I), B10-02 shipment identification number (the shipper's shipment id, the partition
 * key), B10-03 SCAC; per LX loop: AT7 status/appointment + reason + date/time/time code,
 * MS1 city/state/country, L11*2I tracking number, AT8-04 pieces.
 * vendorEventId: see x12VendorEventId ("<ISA06>/<ISA13>/<ST02>[+<ST02>…]").
 */
export const x12StatusMapping: VendorMapping<X12StatusMessage> = {
  description: 'X12-214 → InTransit | ProofOfDeliveryReceived | DeliveryException | EtaUpdated (by AT7 code)',
  validate: (body) => {
    const ix = body as X12Interchange;
    const issues = new X12Issues();
    for (const g of ix.groups) {
      if (g.functionalId !== 'QM') issues.add(`GS[${g.controlNumber}].GS01`, `expected "QM" (carrier shipment status) for 214 transaction sets, got "${g.functionalId}"`);
    }
    const shipments = transactionSetsOf(ix).map((ts) => readShipment(ts, issues));
    issues.throwIfAny('X12 214');
    return { vendorEventId: x12VendorEventId(ix), shipments: shipments as X12ShipmentStatus[] };
  },
  vendorEventId: (m) => m.vendorEventId,
  map: (m, ctx) =>
    m.shipments.flatMap((shipment) =>
      shipment.statuses.map((s) => {
        // For ETA codes the AT7 time is the estimate; when the estimate was made is the receipt.
        const isEta = s.rule.event === 'EtaUpdated';
        return carrierStatusEvent(
          {
            rule: s.rule,
            statusCode: s.statusCode,
            statusDescription: null,
            reasonCode: s.reasonCode,
            reason: s.reason,
            occurredAt: isEta ? ctx.receivedAt : s.at,
            shipmentId: shipment.shipmentId,
            carrierCode: shipment.carrierCode,
            trackingNumber: s.trackingNumber,
            location: s.location,
            timeZone: s.timeZone,
            eta: isEta ? { newEta: s.at } : undefined,
            pod: { deliveredAt: s.at, piecesDelivered: s.piecesDelivered, exceptionsNoted: s.reasonCode !== null && s.reasonCode !== 'NS' },
          },
          ctx,
        );
      }),
    ),
};
