/** Notification service process: tracing (when configured), config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';

// Imported inside build(), after runService started tracing, so the instrumented libraries load after the SDK.
await runService('notification-service', async () => {
  const [{ notificationConfigFromEnv }, { NotificationService }] = await Promise.all([import('./notification-config.ts'), import('./notification-service.ts')]);
  return NotificationService.fromConfig(notificationConfigFromEnv());
});
