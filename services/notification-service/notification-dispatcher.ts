import type { EffectLedger } from '../platform/dedup/effect-ledger.ts';
import { BackboneError, asBackboneError } from '../platform/errors/backbone-error.ts';
import type { HandlerContext } from '../platform/kafka/event-consumer.ts';
import { formatDuration } from '../platform/config/duration-setting.ts';
import type { CustomerDirectory } from './customer-directory.ts';
import type { EmailChannel } from './email-channel.ts';
import { renderEmail } from './email-message.ts';
import { maskEmail } from './mask-email.ts';
import type { Notification } from './notification.ts';
import type { NotificationLog } from './notification-log.ts';
import type { Channel, CustomerPreferences, PreferenceStore } from './preference-store.ts';
import type { WebhookChannel } from './webhook-channel.ts';

/** What the dispatcher needs; `now` is injectable so the hold-back rule can be tested at a fixed time. */
export interface DispatcherDeps {
  /** Consumer name; each channel's sends are ledgered under "<name>/<channel>". */
  consumerName: string;
  directory: CustomerDirectory;
  preferences: PreferenceStore;
  log: NotificationLog;
  ledger: EffectLedger;
  webhook: WebhookChannel;
  email: EmailChannel;
  /** Domain of the Message-IDs (the sender's domain). */
  mailDomain: string;
  /** Events older than this (now − occurredAt) are held back, not sent. */
  maxEventAgeMs: number;
  now?: () => number;
}

/** Another instance is sending this notification on this channel right now. Retriable. */
class ChannelSendInProgress extends BackboneError {
  constructor(channel: Channel, eventId: string) {
    super('EFFECT_IN_PROGRESS', `another instance is sending the ${channel} notification of event ${eventId}`, { retriable: true });
  }
}

/**
 * Decides and delivers one notification: finds the shipment's customer and their preferences,
 * holds back notifications of events older than the configured age (catch-up and replay must
 * not spam customers), and sends on each chosen channel exactly once: every (event, channel)
 * send is claimed in the effect ledger, so a retry after one channel failed re-sends only the
 * channels that did not go out. Every decision lands in the notification log.
 */
export class NotificationDispatcher {
  private readonly now: () => number;

  constructor(private readonly deps: DispatcherDeps) {
    this.now = deps.now ?? Date.now;
  }

  async dispatch(n: Notification, ctx: HandlerContext): Promise<void> {
    const { directory, preferences, log, maxEventAgeMs } = this.deps;
    const kind = n.details.kind;
    const skip = async (customerId: string | null, reason: string) => {
      await log.record({ eventId: n.eventId, channel: 'none', customerId, kind, status: 'skipped', reason, detail: null });
      ctx.logger.info({ customerId, kind, reason }, 'notification skipped');
    };
    const customer = await directory.customerOf(n.shipmentId, n.orderId);
    if (!customer) return skip(null, 'no customer known for the shipment (neither its ShipmentPlanned nor its OrderReleased was seen)');
    const prefs = await preferences.get(customer.customerId);
    if (!prefs) return skip(customer.customerId, 'the customer has no notification preferences');
    if (!prefs.kinds.includes(kind)) return skip(customer.customerId, `the customer does not want "${kind}" notifications`);
    if (prefs.channels.length === 0) return skip(customer.customerId, 'the customer has no channel enabled');

    const ageMs = this.now() - n.occurredAt.getTime();
    if (ageMs > maxEventAgeMs) {
      const reason = `event is ${formatDuration(ageMs)} old, older than the ${formatDuration(maxEventAgeMs)} limit (NOTIFICATION_MAX_EVENT_AGE): held back during catch-up or replay`;
      for (const channel of prefs.channels) await log.record({ eventId: n.eventId, channel, customerId: customer.customerId, kind, status: 'held', reason, detail: null });
      ctx.logger.info({ customerId: customer.customerId, kind, ageMs }, 'notification held back: event too old');
      return;
    }

    const failures: BackboneError[] = [];
    for (const channel of prefs.channels) {
      try {
        await this.sendOnce(channel, n, prefs, ctx);
      } catch (err) {
        const e = asBackboneError(err);
        failures.push(e);
        await log.record({ eventId: n.eventId, channel, customerId: customer.customerId, kind, status: 'failed', reason: `${e.code}: ${e.message}`, detail: null });
      }
    }
    // A retriable failure wins: the channels that did go out are ledgered and will not repeat.
    if (failures.length > 0) throw failures.find((f) => f.retriable) ?? failures[0]!;
  }

  private async sendOnce(channel: Channel, n: Notification, prefs: CustomerPreferences, ctx: HandlerContext): Promise<void> {
    const { ledger, log, consumerName } = this.deps;
    const scope = `${consumerName}/${channel}`;
    const claim = await ledger.claim(scope, n.eventId);
    if (claim.outcome === 'done') {
      ctx.logger.info({ channel }, 'notification already sent on this channel: skipped');
      return;
    }
    if (claim.outcome === 'in-progress') throw new ChannelSendInProgress(channel, n.eventId);
    let detail: Record<string, unknown>;
    try {
      detail = channel === 'email' ? await this.sendEmail(n, prefs, ctx) : await this.sendWebhook(n, prefs, ctx);
    } catch (err) {
      await ledger.release(scope, n.eventId).catch(() => undefined);
      throw err;
    }
    // If recording fails now, the claim's lease runs out and the send may repeat, with the same Message-ID / webhook-id.
    await ledger.complete(scope, n.eventId, detail);
    await log.record({ eventId: n.eventId, channel, customerId: prefs.customerId, kind: n.details.kind, status: 'sent', reason: null, detail });
  }

  private async sendEmail(n: Notification, prefs: CustomerPreferences, ctx: HandlerContext): Promise<Record<string, unknown>> {
    const content = renderEmail(n, this.deps.mailDomain);
    const recipient = maskEmail(prefs.email);
    const sent = await this.deps.email.send(prefs.email!, content, ctx.signal);
    ctx.logger.info({ channel: 'email', customerId: prefs.customerId, recipient, messageId: sent.messageId }, 'notification e-mailed');
    return { messageId: sent.messageId, recipient, smtpResponse: sent.response };
  }

  private async sendWebhook(n: Notification, prefs: CustomerPreferences, ctx: HandlerContext): Promise<Record<string, unknown>> {
    const target = { url: prefs.webhookUrl!, secret: prefs.webhookSecret! };
    const sent = await this.deps.webhook.send(n, prefs.customerId, target, ctx.signal, ctx.logger);
    const host = new URL(target.url).host;
    ctx.logger.info({ channel: 'webhook', customerId: prefs.customerId, host, status: sent.status, attempts: sent.attempts }, 'notification webhook delivered');
    return { webhookId: sent.webhookId, host, status: sent.status, attempts: sent.attempts };
  }
}
