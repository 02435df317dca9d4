import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { waitFor } from '../support/test-env.ts';
import { assertNothingLost } from './support/fault-assertions.ts';
import { FaultRig } from './support/fault-rig.ts';

describe('fault: a broker killed with SIGKILL mid-stream and restarted', () => {
  let rig: FaultRig | undefined;
  after(async () => rig?.stop());

  it('loses no acknowledged event and keeps every shipment in order', async () => {
    rig = await FaultRig.start();
    const load = rig.load({ shipments: 24, perShipment: 5, rate: 25 });
    const sending = load.run();
    await waitFor('a quarter of the load posted', () => rig!.erp.postings.size >= 30, 60_000);
    // On the three-node fault stack one node dies (node 1: the first bootstrap broker and a
    // quorum voter); on a one-node stack, the only broker.
    const victim = rig.stack.config.kafkaNodes > 1 ? 'kafka-1' : 'kafka';
    await rig.stack.stopComponent(victim, 'SIGKILL');
    await sleep(5_000);
    await rig.stack.start();
    await sending;
    const result = await rig.settle('broker SIGKILL', load);
    assertNothingLost(result, () => rig!.diagnostics());
  });
});
