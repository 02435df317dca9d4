/** Notification service process: config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';
import { notificationConfigFromEnv } from './notification-config.ts';
import { NotificationService } from './notification-service.ts';

await runService('notification-service', () => NotificationService.fromConfig(notificationConfigFromEnv()));
