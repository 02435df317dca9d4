import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { waitFor } from '../support/test-env.ts';
import { assertNothingLost } from './support/fault-assertions.ts';
import { FaultRig } from './support/fault-rig.ts';

describe('fault: a consumer instance killed mid-batch', () => {
  let rig: FaultRig | undefined;
  after(async () => rig?.stop());

  it('loses nothing and repeats no posting when one of two consumers is SIGKILLed', async () => {
    rig = await FaultRig.start({ consumers: 2 });
    const load = rig.load({ shipments: 24, perShipment: 5, rate: 30 });
    const sending = load.run();
    await waitFor('a quarter of the load posted', () => rig!.erp.postings.size >= 30, 120_000);
    await rig.consumers[0]!.stop('SIGKILL');
    await sleep(3_000);
    await rig.consumers[0]!.start();
    await sending;
    const result = await rig.settle('consumer SIGKILL', load);
    // A kill between the ERP's 2xx and the ledger write may repeat that one call (at most one per
    // in-flight slot, ERP_MAX_CONCURRENCY=4); the ERP's Idempotency-Key absorbs it.
    assertNothingLost(result, () => rig!.diagnostics(), 4);
  });
});
