/**
 * `npm run topics:apply`: creates the topics declared in infra/topics.yaml (with LEB_TOPIC_PREFIX)
 * and sets their declared configs. Idempotent; never changes a partition count.
 */
import { Command } from 'commander';
import { platformConfigFromEnv } from '../services/platform/config/load-config.ts';
import { KafkajsClientFactory } from '../services/platform/kafka/kafkajs-client.ts';
import { applyTopics, TopicCatalog } from '../services/platform/kafka/topic-catalog.ts';
import { createLogger } from '../services/platform/logging/logger.ts';

const program = new Command('topics');
program
  .command('apply')
  .description('create missing topics and apply declared configs')
  .option('--prefix <prefix>', 'topic name prefix (default LEB_TOPIC_PREFIX)')
  .action(async (opts: { prefix?: string }) => {
    const cfg = platformConfigFromEnv(process.env, 'topics-apply');
    const admin = new KafkajsClientFactory({ brokers: cfg.kafka.brokers, clientId: cfg.kafka.clientId, logger: createLogger('topics', 'warn') }).admin();
    await admin.connect();
    try {
      const report = await applyTopics(admin, TopicCatalog.load(opts.prefix ?? cfg.topicPrefix));
      for (const t of report.created) console.log(`created  ${t}`);
      for (const t of report.updated) console.log(`in line  ${t}`);
      for (const m of report.partitionMismatch) {
        console.warn(`WARNING  ${m.topic} has ${m.actual} partitions, infra/topics.yaml declares ${m.declared}; not changed (it would reorder shipments)`);
      }
    } finally {
      await admin.disconnect();
    }
  });

program.parseAsync().catch((err: unknown) => {
  console.error(`topics: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
