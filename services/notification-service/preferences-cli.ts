import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { StateStore } from '../platform/state/state-store.ts';
import { maskEmail } from './mask-email.ts';
import { notificationKinds } from './notification.ts';
import { channels, PreferenceStore, preferencesSchema, type CustomerPreferences } from './preference-store.ts';

/** Preferences as shown to an operator: e-mail masked, secret never shown, URL without its query. */
export function maskedPreferences(p: CustomerPreferences): Record<string, unknown> {
  let webhookUrl: string | null = null;
  if (p.webhookUrl) {
    const u = new URL(p.webhookUrl);
    webhookUrl = `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  }
  return { customerId: p.customerId, channels: p.channels, kinds: p.kinds, email: maskEmail(p.email), webhookUrl, webhookSecret: p.webhookSecret ? 'set' : null };
}

/** A new Standard Webhooks secret for a customer endpoint. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

/** The seed file: a list of customers' preferences, or `{customers: [...]}`; JSON or YAML. */
const seedFileSchema = z.union([z.array(z.unknown()), z.object({ customers: z.array(z.unknown()) }).transform((f) => f.customers)]);

/** Reads the seed file's preferences, validating each (errors name the entry and field). */
export function readSeedFile(path: string): CustomerPreferences[] {
  const text = readFileSync(path, 'utf8');
  const entries = seedFileSchema.parse(path.endsWith('.json') ? JSON.parse(text) : parseYaml(text));
  return entries.map((entry, i) => {
    const e = entry as Record<string, unknown>;
    const r = preferencesSchema.safeParse({ email: null, webhookUrl: null, webhookSecret: null, kinds: [...notificationKinds], ...e });
    if (!r.success) throw new Error(`${path}: entry ${i} (${String(e.customerId)}): ${r.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    return r.data;
  });
}

/**
 * `npm run notifications:preferences -- set|get|list|delete|seed`: manages customers'
 * notification preferences in the state store. Output masks e-mail addresses and never shows
 * secrets, except a secret generated with `--generate-secret`, shown once.
 */
export function preferencesProgram(store: StateStore, out: (line: string) => void): Command {
  let opened: Promise<PreferenceStore> | undefined;
  const prefs = () => (opened ??= PreferenceStore.open(store));
  const program = new Command('notifications:preferences').description('Customer notification preferences (channels, kinds, e-mail, webhook)').exitOverride();
  program
    .command('set')
    .description('create or change a customer\'s preferences (options not given keep their value)')
    .argument('<customerId>')
    .option('--email <address>', 'e-mail address for the email channel')
    .option('--webhook-url <url>', 'endpoint for the webhook channel')
    .option('--webhook-secret <secret>', 'Standard Webhooks secret of the endpoint (whsec_...)')
    .option('--generate-secret', 'generate a new webhook secret and print it once')
    .addOption(new Option('--channels <list>', `comma-separated: ${channels.join(',')} (default: those with an address)`).argParser(list))
    .addOption(new Option('--kinds <list>', `comma-separated: ${notificationKinds.join(',')} (default: all)`).argParser(list))
    .action(async (customerId: string, o: { email?: string; webhookUrl?: string; webhookSecret?: string; generateSecret?: boolean; channels?: string[]; kinds?: string[] }) => {
      const store = await prefs();
      const current = await store.get(customerId);
      const secret = o.generateSecret ? generateWebhookSecret() : o.webhookSecret;
      const email = o.email ?? current?.email ?? null;
      const webhookUrl = o.webhookUrl ?? current?.webhookUrl ?? null;
      const next = preferencesSchema.safeParse({
        customerId,
        email,
        webhookUrl,
        webhookSecret: secret ?? current?.webhookSecret ?? null,
        channels: o.channels ?? current?.channels ?? [...(email ? ['email'] : []), ...(webhookUrl ? ['webhook'] : [])],
        kinds: o.kinds ?? current?.kinds ?? [...notificationKinds],
      });
      if (!next.success) throw new Error(`invalid preferences for ${customerId}: ${next.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      const saved = await store.put(next.data);
      out(JSON.stringify(maskedPreferences(saved), null, 2));
      if (o.generateSecret) out(`webhook secret (shown once, give it to the customer): ${secret}`);
    });
  program
    .command('get')
    .description('show a customer\'s preferences (e-mail masked)')
    .argument('<customerId>')
    .action(async (customerId: string) => {
      const p = await (await prefs()).get(customerId);
      if (!p) throw new Error(`no preferences for customer ${customerId}`);
      out(JSON.stringify(maskedPreferences(p), null, 2));
    });
  program
    .command('list')
    .description('one line per customer (e-mail masked)')
    .action(async () => {
      for (const p of await (await prefs()).list()) {
        const m = maskedPreferences(p);
        out(`${p.customerId}\tchannels=${p.channels.join(',') || '-'}\tkinds=${p.kinds.join(',') || '-'}\temail=${m.email ?? '-'}\twebhook=${m.webhookUrl ?? '-'}`);
      }
    });
  program
    .command('delete')
    .description('remove a customer\'s preferences (they get no notifications)')
    .argument('<customerId>')
    .action(async (customerId: string) => {
      out((await (await prefs()).delete(customerId)) ? `deleted ${customerId}` : `no preferences for customer ${customerId}`);
    });
  program
    .command('seed')
    .description('store every customer of a JSON or YAML file (e.g. services/notification-service/demo-preferences.yaml)')
    .argument('<file>')
    .action(async (file: string) => {
      const entries = readSeedFile(file);
      const store = await prefs();
      for (const p of entries) await store.put(p);
      out(`seeded ${entries.length} customer(s) from ${file}`);
    });
  return program;
}
