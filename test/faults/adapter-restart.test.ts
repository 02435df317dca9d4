import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { waitFor } from '../support/test-env.ts';
import { assertNothingLost } from './support/fault-assertions.ts';
import { FaultRig } from './support/fault-rig.ts';

describe('fault: an adapter restarted while vendors keep retrying', () => {
  let rig: FaultRig | undefined;
  after(async () => rig?.stop());

  it('acknowledges every delivery once the adapter is back, with no event twice', async () => {
    rig = await FaultRig.start();
    const load = rig.load({ shipments: 20, perShipment: 5, rate: 25 });
    const sending = load.run();
    await waitFor('some deliveries acknowledged', () => load.figures().acknowledged >= 25, 60_000);
    await rig.adapter.stop('SIGKILL');
    await sleep(3_000);
    await rig.adapter.start();
    await sending;
    const result = await rig.settle('adapter SIGKILL and restart', load);
    assertNothingLost(result, () => rig!.diagnostics());
  });
});
