import { z } from 'zod';
import type { StateStore } from '../platform/state/state-store.ts';
import { notificationKinds } from './notification.ts';

const ddl = `
create table if not exists notification_preferences (
  customer_id     text        primary key,
  channels        text[]      not null,
  kinds           text[]      not null,
  email           text,
  webhook_url     text,
  webhook_secret  text,
  updated_at      timestamptz not null default now()
);`;

/** The delivery channels of the notification service. */
export const channels = ['email', 'webhook'] as const;

/** One delivery channel. */
export type Channel = (typeof channels)[number];

/** A customer's notification preferences, validated (each chosen channel has its address). */
export const preferencesSchema = z
  .object({
    customerId: z.string().min(1),
    channels: z.array(z.enum(channels)),
    kinds: z.array(z.enum(notificationKinds)),
    email: z.email().nullable(),
    webhookUrl: z.url({ protocol: /^https?$/ }).nullable(),
    /** Standard Webhooks secret of the customer's endpoint: "whsec_" + base64 key. */
    webhookSecret: z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, 'expected "whsec_" followed by a base64 key').nullable(),
  })
  .superRefine((p, ctx) => {
    if (p.channels.includes('email') && !p.email) ctx.addIssue({ code: 'custom', path: ['email'], message: 'the email channel needs an e-mail address' });
    if (p.channels.includes('webhook') && !p.webhookUrl) ctx.addIssue({ code: 'custom', path: ['webhookUrl'], message: 'the webhook channel needs a URL' });
    if (p.channels.includes('webhook') && !p.webhookSecret) ctx.addIssue({ code: 'custom', path: ['webhookSecret'], message: 'the webhook channel needs a signing secret' });
  });

/** Validated preferences of one customer. */
export type CustomerPreferences = z.infer<typeof preferencesSchema>;

interface Row {
  customer_id: string;
  channels: Channel[];
  kinds: CustomerPreferences['kinds'];
  email: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
}

const fromRow = (r: Row): CustomerPreferences => ({ customerId: r.customer_id, channels: r.channels, kinds: r.kinds, email: r.email, webhookUrl: r.webhook_url, webhookSecret: r.webhook_secret });

/**
 * Per-customer notification preferences in the state store (`notification_preferences`): which
 * channels, which kinds, the e-mail address, the webhook URL and its signing secret. Managed
 * with `npm run notifications:preferences`.
 */
export class PreferenceStore {
  private constructor(private readonly store: StateStore) {}

  static async open(store: StateStore): Promise<PreferenceStore> {
    await store.migrate('notification_preferences', ddl);
    return new PreferenceStore(store);
  }

  /** Stores (replaces) a customer's preferences after validating them. */
  async put(prefs: CustomerPreferences): Promise<CustomerPreferences> {
    const p = preferencesSchema.parse(prefs);
    await this.store.query(
      `insert into notification_preferences (customer_id, channels, kinds, email, webhook_url, webhook_secret) values ($1, $2, $3, $4, $5, $6)
       on conflict (customer_id) do update set channels = excluded.channels, kinds = excluded.kinds, email = excluded.email,
         webhook_url = excluded.webhook_url, webhook_secret = excluded.webhook_secret, updated_at = now()`,
      [p.customerId, p.channels, p.kinds, p.email, p.webhookUrl, p.webhookSecret],
    );
    return p;
  }

  /** A customer's preferences, or undefined when none are stored (then nothing is sent). */
  async get(customerId: string): Promise<CustomerPreferences | undefined> {
    const { rows } = await this.store.query<Row>('select * from notification_preferences where customer_id = $1', [customerId]);
    return rows[0] ? fromRow(rows[0]) : undefined;
  }

  /** Every customer's preferences, by customer id. */
  async list(): Promise<CustomerPreferences[]> {
    const { rows } = await this.store.query<Row>('select * from notification_preferences order by customer_id');
    return rows.map(fromRow);
  }

  /** Removes a customer's preferences; true when there were some. */
  async delete(customerId: string): Promise<boolean> {
    const res = await this.store.query('delete from notification_preferences where customer_id = $1', [customerId]);
    return res.rowCount === 1;
  }
}
