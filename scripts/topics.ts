/**
 * `npm run topics:apply`: creates the topics declared in infra/topics.yaml (with LEB_TOPIC_PREFIX)
 * and sets their declared configs, then applies the ACLs of infra/acls.yaml when the cluster has
 * an authorizer. Idempotent; never changes a partition count. Replication follows the cluster's
 * size (RF 3 / min.insync.replicas 2 on three or more brokers).
 */
import { Command } from 'commander';
import { platformConfigFromEnv } from '../services/platform/config/load-config.ts';
import { AclCatalog, applyAcls } from '../services/platform/kafka/acl-catalog.ts';
import { KafkajsClientFactory } from '../services/platform/kafka/kafkajs-client.ts';
import { applyTopics, TopicCatalog } from '../services/platform/kafka/topic-catalog.ts';
import { createLogger } from '../services/platform/logging/logger.ts';

const program = new Command('topics');
program
  .command('apply')
  .description('create missing topics, apply declared configs and (on a secured cluster) the declared ACLs')
  .option('--prefix <prefix>', 'topic name prefix (default LEB_TOPIC_PREFIX)')
  .action(async (opts: { prefix?: string }) => {
    const cfg = platformConfigFromEnv(process.env, 'topics-apply');
    const admin = new KafkajsClientFactory({ brokers: cfg.kafka.brokers, clientId: cfg.kafka.clientId, security: cfg.kafka.security, logger: createLogger('topics', 'warn') }).admin();
    await admin.connect();
    try {
      const catalog = TopicCatalog.load(opts.prefix ?? cfg.topicPrefix);
      const report = await applyTopics(admin, catalog);
      const rep = report.replication;
      console.log(`replication: ${rep.brokers} broker(s) -> ${rep.replicationFactor ? `replication factor ${rep.replicationFactor}, min.insync.replicas ${rep.minInsyncReplicas}` : 'broker defaults'}`);
      for (const t of report.created) console.log(`created  ${t}`);
      for (const t of report.updated) console.log(`in line  ${t}`);
      for (const m of report.partitionMismatch) {
        console.warn(`WARNING  ${m.topic} has ${m.actual} partitions, infra/topics.yaml declares ${m.declared}; not changed (it would reorder shipments)`);
      }
      // Only an authenticated client can be on a cluster with ACLs; a plaintext one is not asked
      // (the broker would answer SECURITY_DISABLED).
      const acls = cfg.kafka.security?.sasl ? await applyAcls(admin, AclCatalog.load(), catalog) : { skipped: 'plaintext client (no KAFKA_SASL_MECHANISM); ACLs apply on a secured cluster' };
      if ('skipped' in acls) console.log(`ACLs     skipped: ${acls.skipped}`);
      else console.log(`ACLs     ${acls.applied} bindings for ${acls.principals.join(', ')}`);
    } finally {
      await admin.disconnect();
    }
  });

program.parseAsync().catch((err: unknown) => {
  console.error(`topics: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
