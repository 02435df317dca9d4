import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the sink received it. */
export interface ReceivedMail {
  /** SMTP envelope. */
  mailFrom: string;
  rcptTo: string[];
  /** Parsed headers and body. */
  from: string;
  to: string;
  subject: string;
  text: string;
  messageId: string;
  autoSubmitted: string | undefined;
}

/**
 * A real SMTP server for the demo and tests (no TLS, no auth) that parses and keeps every
 * message it accepts. `rejectNext(n, code)` answers RCPT TO with that SMTP code n times.
 */
export class DemoMailbox {
  readonly mails: ReceivedMail[] = [];
  /** Messages refused by rejectNext, counted. */
  rejected = 0;
  private rejections: number[] = [];
  private readonly server: SMTPServer;
  url = '';

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (address, _session, callback) => {
        const code = this.rejections.shift();
        if (code === undefined) return callback();
        this.rejected++;
        // Quotes the address, as real servers do: the sender must not log it in full.
        callback(Object.assign(new Error(`<${address.address}>: ${code >= 500 ? 'mailbox unavailable' : 'try again later'}`), { responseCode: code }));
      },
      onData: (stream, session, callback) => {
        simpleParser(stream).then(
          (m) => {
            this.mails.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              rcptTo: session.envelope.rcptTo.map((r) => r.address),
              from: m.from?.text ?? '',
              to: Array.isArray(m.to) ? m.to.map((t) => t.text).join(', ') : (m.to?.text ?? ''),
              subject: m.subject ?? '',
              text: m.text ?? '',
              messageId: m.messageId ?? '',
              autoSubmitted: m.headers.get('auto-submitted') as string | undefined,
            });
            callback();
          },
          (err: Error) => callback(err),
        );
      },
    });
  }

  /** Refuses the next n recipients with an SMTP reply code (451 transient, 550 permanent). */
  rejectNext(n: number, code: number): void {
    this.rejections.push(...Array.from({ length: n }, () => code));
  }

  /** Mails with this Message-ID (angle brackets included). */
  withMessageId(id: string): ReceivedMail[] {
    return this.mails.filter((m) => m.messageId === id);
  }

  /** `port` 0 picks a free one (tests); the demo uses DEMO_SMTP_PORT (2525). */
  async start(port = 0, host = '127.0.0.1'): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(port, host, resolve));
    this.url = `smtp://${host}:${(this.server.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
