import { crmConsumerDefinition } from '../services/crm-consumer/crm-consumer.ts';
import { erpConsumerDefinition } from '../services/erp-consumer/erp-consumer.ts';
import { notificationServiceDefinition } from '../services/notification-service/notification-service.ts';
import { consumerRegistry } from '../services/platform/replay/consumer-definition.ts';

/** Every consumer whose handlers the replay tooling can drive, by name. */
export const consumerDefinitions = consumerRegistry([erpConsumerDefinition, crmConsumerDefinition, notificationServiceDefinition]);
