/**
 * `npm run demo:webhook -- [file.json] [--url <adapter url>] [--new-id]`: signs a WMS webhook body
 * (Standard Webhooks, WMS_WEBHOOK_SECRET or the dev secret) and posts it to the WMS adapter,
 * printing the adapter's answer. Without a file it sends a sample pick confirmation.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { WebhookSignatureVerifier } from '../services/platform/http/webhook-signature.ts';
import { devPorts, devWebhookSecret } from './demo/dev-defaults.ts';

const sample = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo', 'sample-pick-confirmation.json');

const program = new Command('send-webhook')
  .argument('[file]', 'JSON body to send', sample)
  .option('--url <url>', 'adapter base URL', `http://127.0.0.1:${process.env.WMS_ADAPTER_PORT ?? devPorts.wmsAdapter}`)
  .option('--new-id', 'give the body a fresh vendor eventId (a new event instead of a vendor retry)')
  .action(async (file: string, opts: { url: string; newId?: boolean }) => {
    const body = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    if (opts.newId) body.eventId = `wms-evt-${randomUUID()}`;
    const raw = JSON.stringify(body);
    const signer = new WebhookSignatureVerifier(process.env.WMS_WEBHOOK_SECRET ?? devWebhookSecret);
    const headers = signer.sign(`msg_${String(body.eventId)}`, new Date(), raw);
    const res = await fetch(`${opts.url}/webhooks/wms/v1`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: raw });
    console.log(`HTTP ${res.status}`);
    console.log(await res.text());
    if (!res.ok) process.exitCode = 1;
  });

program.parseAsync().catch((err: unknown) => {
  console.error(`send-webhook: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
