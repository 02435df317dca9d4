import nodemailer from 'nodemailer';
import { BackboneError } from '../platform/errors/backbone-error.ts';
import { observeDownstream } from '../platform/telemetry/downstream-metrics.ts';
import type { EmailContent } from './email-message.ts';
import { maskEmail } from './mask-email.ts';

/** The SMTP server refused or could not take a message; `retriable` follows the SMTP reply class. */
export class SmtpDeliveryError extends BackboneError {
  constructor(message: string, opts: { permanent: boolean; responseCode?: number; cause?: unknown }) {
    super(opts.permanent ? 'SMTP_REJECTED' : 'SMTP_UNAVAILABLE', message, { retriable: !opts.permanent, cause: opts.cause, details: { system: 'smtp', responseCode: opts.responseCode } });
  }
}

/** What the SMTP server said when it took a message. */
export interface EmailDelivery {
  messageId: string;
  response: string;
}

/**
 * E-mail over SMTP with nodemailer (`SMTP_URL`, e.g. smtp://127.0.0.1:2525 or
 * smtps://user:pass@host). Plain text, the Message-ID fixed by the caller, and
 * `Auto-Submitted: auto-generated` (RFC 3834) so auto-responders stay quiet. A permanent SMTP
 * rejection (5xx) is final; 4xx replies and connection failures are retriable.
 */
export class EmailChannel {
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;

  constructor(
    smtpUrl: string,
    private readonly from: string,
    timeoutMs = 10_000,
  ) {
    this.transport = nodemailer.createTransport({ url: smtpUrl, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs });
  }

  async send(to: string, content: EmailContent, signal: AbortSignal): Promise<EmailDelivery> {
    try {
      const info = await observeDownstream('smtp', () => this.transport.sendMail({
        from: this.from,
        to,
        subject: content.subject,
        text: content.text,
        messageId: content.messageId,
        headers: { 'Auto-Submitted': 'auto-generated' },
        signal,
      }));
      return { messageId: String(info.messageId), response: String(info.response) };
    } catch (err) {
      const e = err as { message?: string; permanent?: boolean; responseCode?: number };
      // Servers often quote the refused address; the message goes to logs and dead-letter headers.
      const message = (e.message ?? String(err)).replace(/[^\s<>"'(),;:]+@[^\s<>"'(),;:]+/g, (a) => maskEmail(a)!);
      throw new SmtpDeliveryError(`SMTP delivery failed: ${message}`, { permanent: e.permanent === true, responseCode: e.responseCode, cause: err });
    }
  }

  /** Closes pooled connections, if any. */
  close(): void {
    this.transport.close();
  }
}
