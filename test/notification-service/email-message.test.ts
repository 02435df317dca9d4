import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatPlace, formatTime, renderEmail } from '../../services/notification-service/email-message.ts';
import type { Notification } from '../../services/notification-service/notification.ts';

const base: Omit<Notification, 'details'> = {
  eventId: '0b4c7c52-2f0e-4a8e-9d55-6a5d3a1b2c3d',
  eventType: 'DeliveryException',
  occurredAt: new Date('2026-11-22T09:15:00Z'),
  correlationId: 'c',
  shipmentId: 'SHP-1',
  orderId: null,
  carrierCode: null,
  trackingNumber: null,
};

describe('customer e-mail rendering', () => {
  it('derives the Message-ID from the event id', () => {
    const mail = renderEmail({ ...base, details: { kind: 'out_for_delivery', location: null } }, 'example.com');
    assert.equal(mail.messageId, '<notification.0b4c7c52-2f0e-4a8e-9d55-6a5d3a1b2c3d@example.com>');
    assert.equal(mail.text, 'Your shipment SHP-1 is out for delivery since 2026-11-22 09:15 UTC.\n\n--\nThis is an automated message about shipment SHP-1. Please do not reply.\n');
  });

  it('asks for action when the carrier needs it, and says delays in hours and minutes', () => {
    const exception = renderEmail(
      { ...base, details: { kind: 'delayed', cause: 'DELIVERY_EXCEPTION', reason: 'ADDRESS_ISSUE', description: null, actionRequired: true, resolutionExpectedAt: null } },
      'example.com',
    );
    assert.equal(exception.text.split('\n').slice(0, 2).join('\n'), 'The carrier reported a delay of your shipment SHP-1 because of a problem with the delivery address.\nYour action is needed before delivery can continue: please contact us.');
    const late = renderEmail(
      { ...base, details: { kind: 'delayed', cause: 'LATE_ETA', newEta: '2026-11-23T17:45:00.000Z', previousEta: null, delayMinutes: 150, comparedWith: 'previous-eta' } },
      'example.com',
    );
    assert.equal(late.text.split('\n')[0], 'The expected delivery of your shipment SHP-1 is now 2026-11-23 17:45 UTC, 2 h 30 min later than previously announced.');
  });

  it('formats times in UTC and places at city level', () => {
    assert.equal(formatTime('2026-01-02T03:04:59.999Z'), '2026-01-02 03:04 UTC');
    assert.equal(formatPlace({ facilityId: 'HUB-7', city: null, subdivisionCode: null, postalCode: null, countryCode: 'NL' }), 'HUB-7, NL');
    assert.equal(formatPlace(null), null);
  });
});
