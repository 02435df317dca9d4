/** CRM consumer process: config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';
import { CrmConsumer } from './crm-consumer.ts';
import { crmConsumerConfigFromEnv } from './crm-consumer-config.ts';

await runService('crm-consumer', () => CrmConsumer.fromConfig(crmConsumerConfigFromEnv()));
