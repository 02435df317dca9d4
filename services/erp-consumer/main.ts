/** ERP consumer process: config from the environment, start, graceful shutdown. */
import { runService } from '../platform/runtime/run-service.ts';
import { ErpConsumer, erpConsumerConfigFromEnv } from './erp-consumer.ts';

await runService('erp-consumer', () => ErpConsumer.fromConfig(erpConsumerConfigFromEnv()));
