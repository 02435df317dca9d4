import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { carrierAdapter } from '../../../services/carrier-adapter/carrier-adapter.ts';
import type { CarrierReasonRule, CarrierStatusRule } from '../../../services/carrier-adapter/mappings/carrier-status-rule.ts';
import { parcelExceptionCodes, parcelStatusCodes } from '../../../services/carrier-adapter/mappings/parcel-status-codes.ts';
import { x12AppointmentStatusCodes, x12ShipmentStatusCodes, x12StatusReasonCodes } from '../../../services/carrier-adapter/mappings/x12-214-status-codes.ts';
import type { TypedEvent } from '../../../services/platform/events/canonical-event.ts';
import { x12Text } from '../../support/x12-text.ts';
import { assertSchemaValid, fixtureJson, mapBody, testContext } from '../../support/mapping-harness.ts';

const tracking = carrierAdapter.endpoints['/webhooks/carrier/v1/tracking']!;
const edi = carrierAdapter.endpoints['/webhooks/carrier/v1/edi']!;
const ctx = () => testContext('CARRIER', 'carrier-test');

/** A tracking update carrying everything any status needs (exception code, estimate, POD). */
function parcelBody(statusCode: string, exceptionCode = '08'): object {
  const body = fixtureJson('parcel-carrier/tracking-exception.json');
  body.scan.statusCode = statusCode;
  body.scan.exceptionCode = exceptionCode;
  body.estimatedDelivery = { current: '2026-11-25T20:00:00Z' };
  body.proofOfDelivery = { signatureCaptured: false };
  return body;
}

/** A one-status 214 with a given AT7. */
const x214 = (at7: string) =>
  x12Text({ sender: 'ODFL', sets: [{ id: '214', control: '0001', segments: ['B10*PRO-1*SHP-2026-000123*ODFL', 'LX*1', at7, 'MS1*CHICAGO*IL*US'] }] });

function assertRule(events: TypedEvent[], rule: CarrierStatusRule, reason?: CarrierReasonRule): void {
  assert.equal(events.length, 1);
  const e = events[0]!;
  assert.equal(e.eventType, rule.event);
  if (e.eventType === 'InTransit' && rule.event === 'InTransit') assert.equal(e.event.milestone, rule.milestone);
  if (e.eventType === 'DeliveryException' && rule.event === 'DeliveryException') assert.equal(e.event.reason, rule.reason ?? reason?.exception);
  if (e.eventType === 'EtaUpdated' && reason) assert.equal(e.event.reason, reason.eta);
  assertSchemaValid(events);
}

describe('every row of every carrier code table maps to a schema-valid event of its declared type', () => {
  it('parcel status codes', () => {
    for (const [code, rule] of Object.entries(parcelStatusCodes)) {
      assertRule(mapBody(tracking, parcelBody(code), 'application/json', ctx()).events, rule, parcelExceptionCodes['08']);
    }
  });

  it('parcel exception codes, as exception reason (DE) and as ETA cause (ED)', () => {
    for (const [code, reason] of Object.entries(parcelExceptionCodes)) {
      assertRule(mapBody(tracking, parcelBody('DE', code), 'application/json', ctx()).events, parcelStatusCodes.DE, reason);
      assertRule(mapBody(tracking, parcelBody('ED', code), 'application/json', ctx()).events, parcelStatusCodes.ED, reason);
    }
  });

  it('X12 214 AT7-01 status codes and AT7-03 appointment codes', () => {
    for (const [code, rule] of Object.entries(x12ShipmentStatusCodes)) {
      assertRule(mapBody(edi, x214(`AT7*${code}*NS***20261122*0845*CT`), 'application/edi-x12', ctx()).events, rule, x12StatusReasonCodes.NS);
    }
    for (const [code, rule] of Object.entries(x12AppointmentStatusCodes)) {
      assertRule(mapBody(edi, x214(`AT7***${code}*NA*20261122*0845*CT`), 'application/edi-x12', ctx()).events, rule, x12StatusReasonCodes.NA);
    }
  });

  it('X12 214 status reason codes, as exception reason (SD) and as ETA cause (AG)', () => {
    for (const [code, reason] of Object.entries(x12StatusReasonCodes)) {
      assertRule(mapBody(edi, x214(`AT7*SD*${code}***20261122*0845*CT`), 'application/edi-x12', ctx()).events, x12ShipmentStatusCodes.SD, reason);
      assertRule(mapBody(edi, x214(`AT7*AG*${code}***20261122*0845*CT`), 'application/edi-x12', ctx()).events, x12ShipmentStatusCodes.AG, reason);
    }
  });
});

describe('the README documents every code table, row for row', () => {
  const readme = readFileSync(new URL('../../../services/carrier-adapter/README.md', import.meta.url), 'utf8');
  const section = (table: string) => {
    const s = readme.split(/^### /m).find((part) => part.split('\n')[0]!.includes(`table \`${table}\``));
    assert.ok(s, `README has no section for table ${table}`);
    return s.split('\n').filter((l) => l.startsWith('| `'));
  };
  const check = (table: string, rows: Record<string, CarrierStatusRule | CarrierReasonRule>) => {
    const lines = section(table);
    assert.deepEqual(lines.map((l) => /^\| `([^`]+)`/.exec(l)![1]).sort(), Object.keys(rows).sort(), `${table}: README rows differ from the code table`);
    for (const [code, r] of Object.entries(rows)) {
      const cells = lines.find((l) => l.startsWith(`| \`${code}\` |`))!.split('|').map((c) => c.trim());
      const expected = 'event' in r ? [r.event, r.event === 'InTransit' ? r.milestone : 'reason' in r ? r.reason : undefined].filter(Boolean) : [r.exception, r.eta, r.actionRequired ? 'yes' : 'no'];
      for (const v of expected) assert.ok(cells.some((c) => c.includes(v as string)), `${table} ${code}: README row lacks ${v}`);
    }
  };

  it('parcel tables', () => {
    check('parcelStatusCodes', parcelStatusCodes);
    check('parcelExceptionCodes', parcelExceptionCodes);
  });

  it('X12 214 tables', () => {
    check('x12ShipmentStatusCodes', x12ShipmentStatusCodes);
    check('x12AppointmentStatusCodes', x12AppointmentStatusCodes);
    check('x12StatusReasonCodes', x12StatusReasonCodes);
  });
});
