import type { IoLogisticsCommon } from '../platform/events/canonical-event.ts';
import type { Notification } from './notification.ts';

/** A rendered customer e-mail, without sender and recipient. */
export interface EmailContent {
  subject: string;
  text: string;
  /** Deterministic, from the event id: a resend after a crash carries the same id, so mail systems can drop the copy. */
  messageId: string;
}

const reasonText: Record<string, string> = {
  ADDRESS_ISSUE: 'a problem with the delivery address',
  RECIPIENT_UNAVAILABLE: 'nobody was available to receive it',
  DAMAGED: 'damage to the goods',
  REFUSED: 'the delivery was refused',
  WEATHER_DELAY: 'weather conditions',
  CARRIER_DELAY: 'a delay at the carrier',
  LOST: 'the shipment cannot be located',
  CUSTOMS_HOLD: 'a customs hold',
  OTHER: 'an unexpected problem',
};

/** "2026-11-22 14:05 UTC": unambiguous for every reader, whatever their time zone. */
export function formatTime(isoOrDate: string | Date): string {
  const d = typeof isoOrDate === 'string' ? new Date(isoOrDate) : isoOrDate;
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** "Berlin, DE", or the facility or the country when no city is known. */
export function formatPlace(l: IoLogisticsCommon.Location | null): string | null {
  if (!l) return null;
  return [l.city ?? l.facilityId, l.countryCode].filter(Boolean).join(', ');
}

function formatDelay(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return [h > 0 && `${h} h`, m > 0 && `${m} min`].filter(Boolean).join(' ') || '0 min';
}

function body(n: Notification): { subject: string; lines: string[] } {
  const s = n.shipmentId;
  const d = n.details;
  const ref = n.orderId ? `${s} (order ${n.orderId})` : s;
  switch (d.kind) {
    case 'dispatched':
      return {
        subject: `Your shipment ${s} is on its way`,
        lines: [
          `Your shipment ${ref} left ${formatPlace(d.dispatchedFrom)} on ${formatTime(n.occurredAt)}${n.carrierCode ? ` with carrier ${n.carrierCode}` : ''}.`,
          `Packages: ${d.packageCount}`,
          ...(d.trackingNumbers.length > 0 ? [`Tracking: ${d.trackingNumbers.join(', ')}`] : []),
        ],
      };
    case 'delayed':
      if (d.cause === 'LATE_ETA') {
        return {
          subject: `Your shipment ${s} is delayed`,
          lines: [`The expected delivery of your shipment ${ref} is now ${formatTime(d.newEta)}, ${formatDelay(d.delayMinutes)} later than ${d.comparedWith === 'planned-delivery' ? 'planned' : 'previously announced'}.`],
        };
      }
      return {
        subject: `Your shipment ${s} is delayed`,
        lines: [
          `The carrier reported a delay of your shipment ${ref} because of ${reasonText[d.reason] ?? reasonText.OTHER}.`,
          ...(d.description ? [`Carrier note: ${d.description}`] : []),
          ...(d.resolutionExpectedAt ? [`The carrier expects to resolve it by ${formatTime(d.resolutionExpectedAt)}.`] : []),
          ...(d.actionRequired ? ['Your action is needed before delivery can continue: please contact us.'] : []),
        ],
      };
    case 'out_for_delivery': {
      const place = formatPlace(d.location);
      return { subject: `Your shipment ${s} is out for delivery`, lines: [`Your shipment ${ref} is out for delivery${place ? ` in ${place}` : ''} since ${formatTime(n.occurredAt)}.`] };
    }
    case 'delivered': {
      const place = formatPlace(d.location);
      return { subject: `Your shipment ${s} has been delivered`, lines: [`Your shipment ${ref} was delivered on ${formatTime(d.deliveredAt)}${place ? ` in ${place}` : ''}.`] };
    }
  }
}

/** Renders a notification as a plain-text e-mail with a Message-ID derived from the event id. */
export function renderEmail(n: Notification, mailDomain: string): EmailContent {
  const { subject, lines } = body(n);
  const tracking = n.trackingNumber ? ` Tracking number: ${n.trackingNumber}.` : '';
  return {
    subject,
    text: [...lines, '', `--`, `This is an automated message about shipment ${n.shipmentId}.${tracking} Please do not reply.`, ''].join('\n'),
    messageId: `<notification.${n.eventId}@${mailDomain}>`,
  };
}
