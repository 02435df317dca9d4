import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { CustomerDirectory } from '../../services/notification-service/customer-directory.ts';
import { StateStore } from '../../services/platform/state/state-store.ts';
import { testPlatformConfig } from '../support/test-env.ts';

const store = new StateStore(testPlatformConfig().stateStore.url);
const t = (iso: string) => new Date(iso);

describe('customer directory (shipment and order → customer)', () => {
  after(() => store.close());
  const n = randomUUID().slice(0, 8);

  it('finds a shipment\'s customer by its order when only the OrderReleased was seen', async () => {
    const dir = await CustomerDirectory.open(store);
    await dir.linkOrder(`SO-${n}`, `C-${n}`, t('2026-03-01T08:00:00Z'), 'e1');
    assert.deepEqual(await dir.customerOf(`SHP-${n}`, `SO-${n}`), { customerId: `C-${n}`, plannedDeliveryAt: null });
    assert.equal(await dir.customerOf(`SHP-${n}`, null), undefined);
  });

  it('prefers the shipment link, keeps the newest plan and ignores an older one arriving late', async () => {
    const dir = await CustomerDirectory.open(store);
    await dir.linkShipment(`SHP-${n}`, `C2-${n}`, t('2026-03-03T10:00:00Z'), [`SO-${n}`], t('2026-03-02T08:00:00Z'), 'e2');
    await dir.linkShipment(`SHP-${n}`, `C2-${n}`, t('2026-03-03T15:00:00Z'), [`SO-${n}`], t('2026-03-02T12:00:00Z'), 'e3');
    await dir.linkShipment(`SHP-${n}`, `C2-${n}`, t('2026-03-03T09:00:00Z'), [`SO-${n}`], t('2026-03-02T07:00:00Z'), 'e0');
    assert.deepEqual(await dir.customerOf(`SHP-${n}`, `SO-${n}`), { customerId: `C2-${n}`, plannedDeliveryAt: t('2026-03-03T15:00:00Z') });
  });
});
