/** Local mailbox for the demo: a real SMTP server that logs each notification it receives (recipient masked). */
import { createLogger } from '../platform/logging/logger.ts';
import { runService } from '../platform/runtime/run-service.ts';
import { maskEmail } from '../notification-service/mask-email.ts';
import { DemoMailbox } from './demo-mailbox.ts';

const logger = createLogger('demo-mailbox', process.env.LOG_LEVEL ?? 'info');
const mailbox = new DemoMailbox();
let seen = 0;
const timer = setInterval(() => {
  for (const m of mailbox.mails.slice(seen)) logger.info({ to: m.rcptTo.map(maskEmail), subject: m.subject, messageId: m.messageId }, 'mail received');
  seen = mailbox.mails.length;
}, 500);
await runService('demo-mailbox', () => ({
  start: async () => {
    await mailbox.start(Number(process.env.DEMO_SMTP_PORT ?? 2525), process.env.HOST ?? '127.0.0.1');
    logger.info({ url: mailbox.url }, 'demo mailbox listening');
  },
  stop: async () => {
    clearInterval(timer);
    await mailbox.stop();
  },
}));
