import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { assertNothingLost } from './support/fault-assertions.ts';
import { FaultRig } from './support/fault-rig.ts';

/** How long the ERP stays down; a minute by default, as operations would see it. */
const outageMs = Number(process.env.LEB_FAULT_OUTAGE_MS ?? 60_000);

describe('fault: the ERP is down for a while, then back', () => {
  let rig: FaultRig | undefined;
  after(async () => rig?.stop());

  it('posts every acknowledged event once, in shipment order, after the ERP returns', async () => {
    rig = await FaultRig.start();
    const load = rig.load({ shipments: 20, perShipment: 5, rate: 20 });
    const sending = load.run();
    await sleep(2_000);
    await rig.erp.stop();
    await sleep(outageMs);
    await rig.erp.start();
    await sending;
    const result = await rig.settle('ERP down', load);
    assertNothingLost(result, () => rig!.diagnostics());
  });
});
