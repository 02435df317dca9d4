import { randomUUID } from 'node:crypto';

/** What every test topic's name starts with: `t-`, 8 hex digits and a dot (see `uniquePrefix`). */
export const TEST_TOPIC_PREFIX = /^t-[0-9a-f]{8}\./;

/**
 * A topic prefix no other test run uses. Its form is `TEST_TOPIC_PREFIX`, which `npm test`
 * uses to delete what the tests created (scripts/stack/test-topics.ts): change both together.
 */
export function uniquePrefix(): string {
  return `t-${randomUUID().slice(0, 8)}.`;
}
