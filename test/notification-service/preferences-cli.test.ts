import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { preferencesProgram, readSeedFile } from '../../services/notification-service/preferences-cli.ts';
import { PreferenceStore } from '../../services/notification-service/preference-store.ts';
import { StateStore } from '../../services/platform/state/state-store.ts';
import { testPlatformConfig } from '../support/test-env.ts';

const store = new StateStore(testPlatformConfig().stateStore.url);

/** Runs one CLI command in-process; returns what it printed, or throws its error. */
async function cli(...args: string[]): Promise<string> {
  const lines: string[] = [];
  await preferencesProgram(store, (l) => lines.push(l)).parseAsync(args, { from: 'user' });
  return lines.join('\n');
}

describe('notifications:preferences CLI', () => {
  after(() => store.close());
  const customer = `CUST-CLI-${randomUUID().slice(0, 8)}`;

  it('sets preferences, choosing channels from the addresses given and all kinds by default; shows the e-mail masked', async () => {
    const out = await cli('set', customer, '--email', 'jane.doe@example.com', '--webhook-url', 'https://hooks.example.com/in?token=abc', '--generate-secret');
    const [json, secretLine] = out.split('\nwebhook secret (shown once, give it to the customer): ');
    assert.deepEqual(JSON.parse(json!), {
      customerId: customer,
      channels: ['email', 'webhook'],
      kinds: ['dispatched', 'delayed', 'out_for_delivery', 'delivered'],
      email: 'j***@example.com',
      webhookUrl: 'https://hooks.example.com/in?…',
      webhookSecret: 'set',
    });
    assert.match(secretLine!, /^whsec_[A-Za-z0-9+/]+=*$/);
    const stored = await (await PreferenceStore.open(store)).get(customer);
    assert.equal(stored!.webhookSecret, secretLine);
    assert.equal(stored!.email, 'jane.doe@example.com');
  });

  it('changes only what is given, and refuses a channel without its address', async () => {
    await cli('set', customer, '--kinds', 'delayed,delivered', '--channels', 'email');
    const shown = JSON.parse(await cli('get', customer)) as Record<string, unknown>;
    assert.deepEqual([shown.channels, shown.kinds, shown.email], [['email'], ['delayed', 'delivered'], 'j***@example.com']);
    const other = `CUST-CLI-${randomUUID().slice(0, 8)}`;
    await assert.rejects(cli('set', other, '--channels', 'webhook', '--webhook-url', 'https://x.example.com/h'), /webhookSecret: the webhook channel needs a signing secret/);
    await assert.rejects(cli('set', other, '--kinds', 'everything', '--email', 'a@b.example'), /kinds\.0/);
    await assert.rejects(cli('get', other), /no preferences for customer/);
  });

  it('lists customers masked, and deletes', async () => {
    const listed = (await cli('list')).split('\n').find((l) => l.startsWith(customer));
    assert.equal(listed, `${customer}\tchannels=email\tkinds=delayed,delivered\temail=j***@example.com\twebhook=https://hooks.example.com/in?…`);
    assert.equal(await cli('delete', customer), `deleted ${customer}`);
    assert.equal(await cli('delete', customer), `no preferences for customer ${customer}`);
  });

  it('seeds from the demo YAML file and from JSON, naming a bad entry', async () => {
    const demo = readSeedFile('services/notification-service/demo-preferences.yaml');
    assert.deepEqual(demo.map((p) => [p.customerId, p.channels]), [['CUST-1', ['email', 'webhook']], ['CUST-2', ['email']]]);
    const dir = mkdtempSync(path.join(tmpdir(), 'prefs-'));
    const id = `CUST-SEED-${randomUUID().slice(0, 8)}`;
    writeFileSync(path.join(dir, 'ok.json'), JSON.stringify([{ customerId: id, channels: ['email'], email: 'ops@example.com' }]));
    assert.equal(await cli('seed', path.join(dir, 'ok.json')), `seeded 1 customer(s) from ${path.join(dir, 'ok.json')}`);
    assert.deepEqual((await (await PreferenceStore.open(store)).get(id))!.kinds, ['dispatched', 'delayed', 'out_for_delivery', 'delivered']);
    writeFileSync(path.join(dir, 'bad.yaml'), `customers:\n  - customerId: ${id}\n    channels: [webhook]\n`);
    await assert.rejects(cli('seed', path.join(dir, 'bad.yaml')), /entry 0 \(CUST-SEED-.*\): webhookUrl: the webhook channel needs a URL/);
  });
});
