/**
 * `npm run stack -- <start|stop|restart|reset|status>`: manages the embedded local stack
 * (Apache Kafka + Apicurio Registry as background JVM processes). See README "Local stack".
 * `start --brokers 3` (LEB_KAFKA_BROKERS_COUNT=3) runs a three-node Kafka cluster;
 * `start --security sasl_ssl` (LEB_KAFKA_SECURITY=sasl_ssl) a secured one. A stack keeps the
 * mode it was created with, so later commands need neither.
 */
import { Command } from 'commander';
import { LocalStack } from './stack/local-stack.ts';
import { StackPrerequisiteError } from './stack/prerequisites.ts';

const program = new Command('stack').description('Run the local Kafka + schema registry stack');
let current: LocalStack | undefined;
/** The stack, built once the options were read (they set its mode). */
const stack = (): LocalStack => (current ??= new LocalStack());

interface ModeOptions {
  brokers?: string;
  security?: string;
}
function applyMode(opts: ModeOptions): void {
  if (opts.brokers !== undefined) process.env.LEB_KAFKA_BROKERS_COUNT = opts.brokers;
  if (opts.security !== undefined) process.env.LEB_KAFKA_SECURITY = opts.security;
}

program
  .command('start')
  .description('fetch (once) and start Kafka and the registry; waits until both are ready')
  .option('--brokers <n>', 'Kafka nodes: 1 (default) or 3 for the cluster mode (LEB_KAFKA_BROKERS_COUNT)')
  .option('--security <mode>', 'plaintext (default) or sasl_ssl (LEB_KAFKA_SECURITY)')
  .action(async (opts: ModeOptions) => {
    applyMode(opts);
    await stack().start();
  });
program.command('stop').description('stop both; data is kept').action(async () => {
  await stack().stop();
});
program
  .command('restart')
  .description('stop, then start')
  .option('--brokers <n>', 'Kafka nodes (see start)')
  .option('--security <mode>', 'plaintext or sasl_ssl (see start)')
  .action(async (opts: ModeOptions) => {
    await stack().stop();
    applyMode(opts);
    current = undefined;
    await stack().start();
  });
program.command('reset').description('stop and delete all events and schemas (the download cache stays)').action(async () => {
  await stack().reset();
});
program
  .command('status')
  .description('show whether each component runs and is ready')
  .option('--json', 'machine-readable output')
  .action(async (opts: { json?: boolean }) => {
    const status = await stack().status();
    if (opts.json) {
      console.log(JSON.stringify(status, null, 2));
    } else {
      for (const s of status) {
        const state = s.pid === undefined ? 'stopped' : s.ready ? `ready (pid ${s.pid})` : `starting or unhealthy (pid ${s.pid})`;
        console.log(`${s.name.padEnd(9)} ${state.padEnd(22)} ${s.address}  log: ${s.log}`);
      }
    }
    if (status.some((s) => !s.ready)) process.exitCode = 3;
  });

program.parseAsync().catch((err: unknown) => {
  if (err instanceof StackPrerequisiteError) console.error(`stack: ${err.message}`);
  else console.error('stack:', err);
  process.exit(1);
});
