import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newClusterId } from '../../../scripts/stack/kafka-node.ts';

describe('newClusterId', () => {
  it('gives 16 random bytes in URL-safe base64, never starting with "-" (the format tool would take it for an option)', () => {
    const ids = Array.from({ length: 5000 }, () => newClusterId());
    for (const id of ids) {
      assert.match(id, /^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
      assert.equal(Buffer.from(id, 'base64url').length, 16);
    }
    assert.equal(new Set(ids).size, ids.length);
  });
});
