import type { Admin } from 'kafkajs';
import { stackAdminKafka } from './kafka-node.ts';
import type { StackConfig } from './stack-config.ts';
import { TEST_TOPIC_PREFIX } from '../../test/support/test-prefix.ts';

/** Deletions per request: one request for thousands of topics would run into the broker's timeout. */
const CHUNK = 100;

/** Runs `fn` with an admin client of the local stack's Kafka. */
async function withAdmin<T>(cfg: StackConfig, fn: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = stackAdminKafka(cfg, 'leb-test-topics').admin();
  await admin.connect();
  try {
    return await fn(admin);
  } finally {
    await admin.disconnect();
  }
}

/** The test topics on the stack now. */
export function testTopics(cfg: StackConfig): Promise<Set<string>> {
  return withAdmin(cfg, async (admin) => new Set((await admin.listTopics()).filter((t) => TEST_TOPIC_PREFIX.test(t))));
}

/**
 * Deletes the test topics that are on the stack now but were not in `before`, and returns how
 * many. The dev stack outlives test runs: without this, every `npm test` left its topics
 * behind (319 in a clean-clone run), and a Kafka holding thousands of them takes minutes to start.
 */
export async function deleteTestTopicsSince(cfg: StackConfig, before: Set<string>): Promise<number> {
  return withAdmin(cfg, async (admin) => {
    const created = (await admin.listTopics()).filter((t) => TEST_TOPIC_PREFIX.test(t) && !before.has(t));
    for (let i = 0; i < created.length; i += CHUNK) await admin.deleteTopics({ topics: created.slice(i, i + CHUNK), timeout: 30_000 });
    return created.length;
  });
}
