import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';
import { lookupCode, type VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { x12Date, x12DateTime } from '../../platform/ingest/x12/x12-date-time.ts';
import { element, transactionSetsOf, type X12Interchange, type X12Segment, type X12TransactionSet } from '../../platform/ingest/x12/x12-interchange.ts';
import { X12Issues } from '../../platform/ingest/x12/x12-issues.ts';
import { x12VendorEventId } from './x12-vendor-event-id.ts';

/** X12 unit codes (element 355) of TD108 total weight → canonical weight unit. */
export const x12WeightUnits = { LB: 'LB', KG: 'KG' } as const satisfies Record<string, IoLogisticsCommon.WeightUnit>;

/** LIN product id qualifiers (element 235) taken as the SKU, in order of preference. */
export const skuQualifiers = ['SK', 'BP', 'IN', 'VN', 'VP', 'UP'] as const;

/** One validated 856 transaction set: one inbound shipment. */
export interface X12ShipNotice {
  controlNumber: string;
  asnNumber: string;
  purposeCode: string;
  shipNoticeDate: string;
  supplierId: string;
  warehouseId: string;
  purchaseOrderNumbers: string[];
  shippedAt: Date | null;
  expectedDeliveryAt: Date | null;
  billOfLadingNumber: string | null;
  trackingNumber: string | null;
  carrierCode: string | null;
  packageCount: number | null;
  totalWeight: IoLogisticsCommon.Weight | null;
  lines: IoLogisticsCommon.LineItem[];
}

/** A validated 856 interchange. */
export interface X12ShipNoticeMessage {
  vendorEventId: string;
  notices: X12ShipNotice[];
}

const find = (segs: readonly X12Segment[], id: string, qualifier?: string) => segs.find((s) => s.id === id && (qualifier === undefined || element(s, 1) === qualifier));

function readLine(loop: X12Segment[], path: string, n: number, issues: X12Issues): IoLogisticsCommon.LineItem | undefined {
  const lin = find(loop, 'LIN');
  const sn1 = find(loop, 'SN1');
  if (!lin) issues.add(`${path}.LIN`, 'required segment missing');
  if (!sn1) issues.add(`${path}.SN1`, 'required segment missing');
  if (!lin || !sn1) return undefined;
  const ids = new Map<string, string>();
  for (let e = 2; e + 1 <= lin.elements.length; e += 2) ids.set(element(lin, e), element(lin, e + 1).trim());
  const q = skuQualifiers.find((k) => ids.get(k));
  if (!q) issues.add(`${path}.LIN-03`, `no product id qualified ${skuQualifiers.join(', ')}`);
  const qty = element(sn1, 2);
  if (!/^\d+(\.\d+)?$/.test(qty) || !(Number(qty) > 0) || !Number.isFinite(Number(qty))) issues.add(`${path}.SN1-02`, `"${qty.slice(0, 40)}" is not a positive quantity`);
  const uom = issues.required(sn1, 3, path);
  if (!q || !uom || !(Number(qty) > 0)) return undefined;
  // LIN01/SN101 usually repeat the PO line number, which collides across POs: the ASN line is its position.
  return { lineNumber: n, sku: ids.get(q)!, quantity: Number(qty), unitOfMeasure: uom, lotNumber: ids.get('LT') || null };
}

function readNotice(ts: X12TransactionSet, issues: X12Issues): X12ShipNotice | undefined {
  const p = `ST[${ts.controlNumber}]`;
  const firstHl = ts.segments.findIndex((s) => s.id === 'HL');
  const header = firstHl < 0 ? ts.segments : ts.segments.slice(0, firstHl);
  const hls: X12Segment[][] = [];
  for (const s of ts.segments.slice(firstHl < 0 ? ts.segments.length : firstHl)) {
    if (s.id === 'HL') hls.push([s]);
    else hls.at(-1)!.push(s);
  }
  const ids = new Set<string>();
  for (const [hl] of hls) {
    const [id, parent] = [element(hl!, 1), element(hl!, 2)];
    if (ids.has(id) || !id) issues.add(`${p}.HL[${id}].HL-01`, 'hierarchical id missing or repeated');
    if (parent && !ids.has(parent)) issues.add(`${p}.HL[${id}].HL-02`, `parent "${parent}" is not an earlier HL`);
    ids.add(id);
  }
  const level = (code: string) => hls.filter(([hl]) => element(hl!, 3) === code);
  const shipmentLevels = level('S');
  if (shipmentLevels.length !== 1) issues.add(`${p}.HL`, `exactly one shipment level (HL-03 "S") is required, found ${shipmentLevels.length}`);
  const scope = [...header, ...(shipmentLevels[0] ?? [])];

  const bsn = find(header, 'BSN');
  if (!bsn) return issues.add(`${p}.BSN`, 'required segment missing');
  const purposeCode = issues.required(bsn, 1, p);
  const asnNumber = issues.required(bsn, 2, p);
  const shipNoticeDate = issues.attempt(() => x12Date(element(bsn, 3), `${p}.BSN-03`));
  const dtm = (q: string) => {
    const s = find(scope, 'DTM', q);
    return s ? (issues.attempt(() => x12DateTime(element(s, 2), element(s, 3), element(s, 4), { date: `${p}.DTM*${q}-02`, time: `${p}.DTM*${q}-03`, timeCode: `${p}.DTM*${q}-04` })) ?? null) : null;
  };
  const party = (...codes: string[]) => {
    const n1 = scope.find((s) => s.id === 'N1' && codes.includes(element(s, 1)));
    return n1 ? element(n1, 4).trim() || issues.add(`${p}.N1*${element(n1, 1)}-04`, 'party id required') : issues.add(`${p}.N1*${codes[0]}`, 'required segment missing');
  };
  const supplierId = party('SF', 'SU');
  const warehouseId = party('ST');
  const td1 = find(scope, 'TD1');
  let totalWeight: IoLogisticsCommon.Weight | null = null;
  if (td1 && element(td1, 7)) {
    const w = element(td1, 7);
    if (!/^\d+(\.\d+)?$/.test(w) || !Number.isFinite(Number(w))) issues.add(`${p}.TD1-07`, `"${w.slice(0, 40)}" is not a weight`);
    else if (!element(td1, 8)) issues.add(`${p}.TD1-08`, 'weight unit required with TD1-07');
    else totalWeight = { value: Number(w), unit: lookupCode(x12WeightUnits, element(td1, 8), `${p}.TD1-08`, 'X12 weight unit (TD1-08)') };
  }
  const packageCount = issues.count(td1, 2, p);
  const td5 = find(scope, 'TD5');
  const ref = (q: string) => (find(scope, 'REF', q) ? element(find(scope, 'REF', q)!, 2).trim() || null : null);
  const pos = level('O').flatMap((o) => o.filter((s) => s.id === 'PRF').map((s) => element(s, 1).trim()));
  const items = level('I');
  if (items.length === 0) issues.add(`${p}.HL`, 'at least one item level (HL-03 "I") is required');
  const lines = items.map((loop, i) => readLine(loop, `${p}.HL[${element(loop[0]!, 1)}]`, i + 1, issues));
  const shippedAt = dtm('011');
  const expectedDeliveryAt = dtm('017');
  if (!purposeCode || !asnNumber || !shipNoticeDate || !supplierId || !warehouseId) return undefined;
  return {
    controlNumber: ts.controlNumber,
    asnNumber,
    purposeCode,
    shipNoticeDate,
    supplierId,
    warehouseId,
    purchaseOrderNumbers: [...new Set(pos.filter(Boolean))],
    shippedAt,
    expectedDeliveryAt,
    billOfLadingNumber: ref('BM'),
    trackingNumber: ref('CN'),
    carrierCode: td5 && element(td5, 2) === '2' ? element(td5, 3).trim() || null : null,
    packageCount,
    totalWeight,
    lines: lines.filter((l): l is IoLogisticsCommon.LineItem => l !== undefined),
  };
}

/**
 * X12 856 Ship Notice/Manifest (ASN) → ShipmentNoticeReceived, one per transaction set.
 * Reads: BSN01 purpose, BSN02 ASN number (also the inbound shipment id), BSN03 date; at the
 * shipment level (HL S) TD1 packages and gross weight, TD5 SCAC (TD502 = 2), REF*BM bill of
 * lading, REF*CN carrier reference (tracking number), DTM*011 shipped, DTM*017 expected
 * delivery, N1*SF/SU supplier id and N1*ST receiving warehouse id (N104, never names);
 * PRF01 of every order level (HL O); LIN (SKU by qualifier SK, BP, IN, VN, VP, UP; lot LT)
 * and SN1 quantity/unit of every item level (HL I); a line's number is its position in the ASN.
 * occurredAt is the ship time (DTM*011), or the receipt time when the ASN gives none.
 */
export const x12ShipNoticeMapping: VendorMapping<X12ShipNoticeMessage> = {
  description: 'X12-856 → ShipmentNoticeReceived',
  validate: (body) => {
    const ix = body as X12Interchange;
    const issues = new X12Issues();
    for (const g of ix.groups) {
      if (g.functionalId !== 'SH') issues.add(`GS[${g.controlNumber}].GS01`, `expected "SH" (ship notice) for 856 transaction sets, got "${g.functionalId}"`);
    }
    const notices = transactionSetsOf(ix).map((ts) => readNotice(ts, issues));
    issues.throwIfAny('X12 856');
    return { vendorEventId: x12VendorEventId(ix), notices: notices as X12ShipNotice[] };
  },
  vendorEventId: (m) => m.vendorEventId,
  map: (m, ctx) =>
    m.notices.map((n) => ({
      eventType: 'ShipmentNoticeReceived',
      event: {
        envelope: ctx.envelope('ShipmentNoticeReceived', {
          occurredAt: n.shippedAt ?? ctx.receivedAt,
          correlationId: `shipment:${n.asnNumber}`,
          shipmentId: n.asnNumber,
          warehouseId: n.warehouseId,
          carrierCode: n.carrierCode,
          trackingNumber: n.trackingNumber,
        }),
        asnNumber: n.asnNumber,
        purposeCode: n.purposeCode,
        shipNoticeDate: n.shipNoticeDate,
        supplierId: n.supplierId,
        purchaseOrderNumbers: n.purchaseOrderNumbers,
        shippedAt: n.shippedAt,
        expectedDeliveryAt: n.expectedDeliveryAt,
        billOfLadingNumber: n.billOfLadingNumber,
        packageCount: n.packageCount,
        totalWeight: n.totalWeight,
        lines: n.lines,
      },
    })),
};
