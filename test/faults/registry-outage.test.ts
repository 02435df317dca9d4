import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { waitFor } from '../support/test-env.ts';
import { assertNothingLost } from './support/fault-assertions.ts';
import { FaultRig } from './support/fault-rig.ts';

describe('fault: the schema registry stopped for a while', () => {
  let rig: FaultRig | undefined;
  after(async () => rig?.stop());

  it('keeps producing and consuming on cached schemas, and loses nothing', async () => {
    rig = await FaultRig.start();
    const load = rig.load({ shipments: 20, perShipment: 5, rate: 20 });
    const sending = load.run();
    await waitFor('some events posted (schemas cached on both sides)', () => rig!.erp.postings.size >= 10, 60_000);
    await rig.stack.stopComponent('registry');
    const postedWhenStopped = rig.erp.postings.size;
    await sleep(15_000);
    const postedWhileDown = rig.erp.postings.size - postedWhenStopped;
    await rig.stack.start();
    await sending;
    const result = await rig.settle('registry stopped', load);
    console.log(`[faults] registry stopped: ${postedWhileDown} events posted while it was down`);
    assertNothingLost(result, () => rig!.diagnostics());
    if (postedWhileDown === 0) throw new Error('nothing flowed while the registry was down: cached schemas were not used');
  });
});
