import { AclCatalog, applyAcls } from '../../services/platform/kafka/acl-catalog.ts';
import { KafkajsClientFactory } from '../../services/platform/kafka/kafkajs-client.ts';
import { TopicCatalog } from '../../services/platform/kafka/topic-catalog.ts';
import { createLogger } from '../../services/platform/logging/logger.ts';
import { clientSecurity } from './kafka-broker-security.ts';
import { endpointsOf, type StackConfig } from './stack-config.ts';

/**
 * Applies the ACLs of the principals the stack itself runs (the registry, which must create and
 * read its kafkasql journal before `npm run topics:apply` has ever run), as the `admin` super
 * user. Only in `sasl_ssl` mode; the services' ACLs stay with `npm run topics:apply`.
 */
export async function grantStackPrincipals(cfg: StackConfig, principals = ['registry']): Promise<void> {
  if (cfg.kafkaSecurity !== 'sasl_ssl') return;
  const admin = new KafkajsClientFactory({
    brokers: endpointsOf(cfg).kafkaBrokers.split(','),
    clientId: 'leb-stack-acls',
    security: clientSecurity(cfg, 'admin'),
    logger: createLogger('stack', 'warn'),
  }).admin();
  await admin.connect();
  try {
    const report = await applyAcls(admin, AclCatalog.load(), TopicCatalog.load(''), principals);
    if ('skipped' in report) throw new Error(`the secured stack has no authorizer: ${report.skipped}`);
  } finally {
    await admin.disconnect();
  }
}
