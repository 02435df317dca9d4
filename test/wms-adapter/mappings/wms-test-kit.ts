import assert from 'node:assert/strict';
import type { EventTypeName } from '../../../services/platform/events/canonical-event.ts';
import { ValidationError } from '../../../services/platform/errors/backbone-error.ts';
import { wmsAdapter } from '../../../services/wms-adapter/wms-adapter.ts';
import { expectedEnvelope, fixtureJson, mapBody, testContext, type ExpectedEnvelope, type MappedDelivery } from '../../support/mapping-harness.ts';

/** Maps a WMS body through the adapter's real endpoint router, with the fixed test context. */
export function mapWms(body: object): MappedDelivery {
  return mapBody(wmsAdapter.endpoints['/webhooks/wms/v1']!, body, 'application/json', testContext('WMS', 'wms-test'));
}

/** A WMS fixture (fresh copy). */
export const wmsFixture = (name: string) => fixtureJson(`wms/${name}.json`);

/** The expected envelope of the n-th event of a WMS delivery. */
export const wmsEnvelope = (n: number, eventType: EventTypeName, f: ExpectedEnvelope) => expectedEnvelope('WMS', 'wms-test', n, eventType, f);

/** Asserts mapping `body` fails with a ValidationError of `code` whose issue paths are `paths`. */
export function assertRejected(body: object, code: string, paths: string[], message?: RegExp): void {
  assert.throws(
    () => mapWms(body),
    (err: unknown) => {
      assert.ok(err instanceof ValidationError, String(err));
      assert.equal(err.code, code);
      assert.deepEqual(err.issues.map((i) => i.path).sort(), [...paths].sort());
      if (message) assert.match(err.message, message);
      return true;
    },
  );
}
