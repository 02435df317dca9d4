/**
 * `npm run notifications:preferences -- set|get|list|delete|seed ...`: customers' notification
 * preferences in the state store (STATE_STORE_URL). See services/notification-service/preferences-cli.ts.
 */
import { CommanderError } from 'commander';
import { platformConfigFromEnv } from '../services/platform/config/load-config.ts';
import { preferencesProgram } from '../services/notification-service/preferences-cli.ts';
import { StateStore } from '../services/platform/state/state-store.ts';

const store = new StateStore(platformConfigFromEnv(process.env, 'notification-preferences').stateStore.url, { max: 1 });
try {
  await preferencesProgram(store, (line) => process.stdout.write(`${line}\n`)).parseAsync(process.argv);
} catch (err) {
  // Commander has already printed help or its own usage error.
  if (!(err instanceof CommanderError)) process.stderr.write(`notifications:preferences: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = err instanceof CommanderError ? err.exitCode : 2;
} finally {
  await store.close();
}
