/**
 * `npm run stack -- <start|stop|restart|reset|status>`: manages the embedded local stack
 * (Apache Kafka + Apicurio Registry as background JVM processes). See README "Local stack".
 */
import { Command } from 'commander';
import { LocalStack } from './stack/local-stack.ts';
import { StackPrerequisiteError } from './stack/prerequisites.ts';

const stack = new LocalStack();
const program = new Command('stack').description('Run the local Kafka + schema registry stack');

program.command('start').description('fetch (once) and start Kafka and the registry; waits until both are ready').action(async () => {
  await stack.start();
});
program.command('stop').description('stop both; data is kept').action(async () => {
  await stack.stop();
});
program.command('restart').description('stop, then start').action(async () => {
  await stack.stop();
  await stack.start();
});
program.command('reset').description('stop and delete all events and schemas (the download cache stays)').action(async () => {
  await stack.reset();
});
program
  .command('status')
  .description('show whether each component runs and is ready')
  .option('--json', 'machine-readable output')
  .action(async (opts: { json?: boolean }) => {
    const status = await stack.status();
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
