import { z } from 'zod';
import { ValidationError } from '../../platform/errors/backbone-error.ts';
import { lookupCode, zodValidate, type VendorMapping } from '../../platform/ingest/vendor-mapping.ts';
import { carrierLocation } from './carrier-location.ts';
import { carrierStatusEvent } from './carrier-status-event.ts';
import type { CarrierReasonRule, CarrierStatusRule } from './carrier-status-rule.ts';
import { parcelExceptionCodes, parcelStatusCodes } from './parcel-status-codes.ts';
import { avroInt } from '../../platform/ingest/avro-int.ts';

const instant = z.iso.datetime({ offset: true });

/**
 * A parcel carrier's tracking webhook (`eventType: "tracking.update"`): one scan of one
 * package. `shipperReference` is the shipper's shipment number given at label creation, so
 * the event is keyed like the WMS and TMS events of the same shipment. Fields the backbone
 * must not carry (e.g. `proofOfDelivery.signedBy`) are dropped by the schema.
 */
export const parcelTrackingSchema = z.object({
  eventId: z.string().min(1).max(200),
  eventType: z.literal('tracking.update'),
  carrierCode: z.string().regex(/^[A-Z]{2,4}$/, 'expected a SCAC (2-4 capital letters)'),
  trackingNumber: z.string().min(1).max(40),
  shipperReference: z.string().min(1).max(64),
  correlationId: z.string().min(1).max(200).optional(),
  scan: z.object({
    statusCode: z.string().min(1).max(8),
    statusDescription: z.string().max(500).optional(),
    exceptionCode: z.string().min(1).max(8).optional(),
    exceptionDescription: z.string().max(500).optional(),
    occurredAt: instant,
    facilityCode: z.string().min(1).max(20).optional(),
    location: z
      .object({
        city: z.string().min(1).max(80).optional(),
        stateOrProvinceCode: z.string().min(1).max(3).optional(),
        postalCode: z.string().min(1).max(12).optional(),
        countryCode: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'),
        timeZone: z.string().min(1).max(64).optional(),
      })
      .optional(),
    deliveryAttempt: avroInt(1).optional(),
  }),
  estimatedDelivery: z
    .object({ previous: instant.optional(), current: instant, windowStart: instant.optional(), windowEnd: instant.optional() })
    .optional(),
  proofOfDelivery: z
    .object({
      deliveredAt: instant.optional(),
      signatureCaptured: z.boolean(),
      podReference: z.string().min(1).max(100).optional(),
      documentUrl: z.url().optional(),
      piecesDelivered: avroInt(0).optional(),
      exceptionsNoted: z.boolean().optional(),
    })
    .optional(),
});

/** A validated tracking update with its status and exception codes resolved. */
export type ParcelTrackingUpdate = z.infer<typeof parcelTrackingSchema> & { rule: CarrierStatusRule; reason: CarrierReasonRule | null };

function resolveCodes(body: z.infer<typeof parcelTrackingSchema>): ParcelTrackingUpdate {
  const rule: CarrierStatusRule = lookupCode(parcelStatusCodes, body.scan.statusCode, 'scan.statusCode', 'parcel status code');
  const code = body.scan.exceptionCode;
  const reason = code === undefined ? null : lookupCode(parcelExceptionCodes, code, 'scan.exceptionCode', 'parcel exception code');
  const missing: Array<{ path: string; message: string }> = [];
  if (rule.event === 'DeliveryException' && !('reason' in rule) && !reason) {
    missing.push({ path: 'scan.exceptionCode', message: `required for status ${body.scan.statusCode}` });
  }
  if (rule.event === 'EtaUpdated' && !body.estimatedDelivery) {
    missing.push({ path: 'estimatedDelivery', message: `required for status ${body.scan.statusCode}` });
  }
  if (missing.length > 0) throw new ValidationError(`invalid tracking.update: ${missing.map((m) => m.path).join(', ')}`, missing);
  return { ...body, rule, reason };
}

const date = (v: string | undefined) => (v === undefined ? null : new Date(v));

/** tracking.update → InTransit, ProofOfDeliveryReceived, DeliveryException or EtaUpdated, by scan.statusCode. */
export const parcelTrackingMapping: VendorMapping<ParcelTrackingUpdate> = {
  description: 'tracking.update → InTransit | ProofOfDeliveryReceived | DeliveryException | EtaUpdated (by scan.statusCode)',
  validate: (body) => resolveCodes(zodValidate(parcelTrackingSchema, body, 'tracking.update')),
  vendorEventId: (u) => u.eventId,
  correlationId: (u) => u.correlationId,
  map: (u, ctx) => {
    const { scan } = u;
    const loc = scan.location;
    return [
      carrierStatusEvent(
        {
          rule: u.rule,
          statusCode: scan.statusCode,
          statusDescription: scan.statusDescription,
          reasonCode: scan.exceptionCode ?? null,
          reason: u.reason,
          reasonDescription: scan.exceptionDescription,
          occurredAt: new Date(scan.occurredAt),
          shipmentId: u.shipperReference,
          carrierCode: u.carrierCode,
          trackingNumber: u.trackingNumber,
          location: loc ? carrierLocation({ city: loc.city, state: loc.stateOrProvinceCode, postalCode: loc.postalCode, countryCode: loc.countryCode }) : null,
          facilityCode: scan.facilityCode,
          timeZone: loc?.timeZone,
          deliveryAttempt: scan.deliveryAttempt,
          eta: u.estimatedDelivery && {
            newEta: new Date(u.estimatedDelivery.current),
            previousEta: date(u.estimatedDelivery.previous),
            windowStart: date(u.estimatedDelivery.windowStart),
            windowEnd: date(u.estimatedDelivery.windowEnd),
          },
          pod: u.proofOfDelivery && {
            deliveredAt: date(u.proofOfDelivery.deliveredAt) ?? undefined,
            signatureCaptured: u.proofOfDelivery.signatureCaptured,
            podReference: u.proofOfDelivery.podReference,
            documentUrl: u.proofOfDelivery.documentUrl,
            piecesDelivered: u.proofOfDelivery.piecesDelivered,
            exceptionsNoted: u.proofOfDelivery.exceptionsNoted,
          },
        },
        ctx,
      ),
    ];
  },
};
