import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scrubFreeText } from '../../../services/carrier-adapter/mappings/scrub-free-text.ts';

describe('carrier free text is scrubbed of personal data', () => {
  const cases: Array<[string, string | null]> = [
    ['Delivered - Left at front door. Signed for by: J.RIVERA', 'Delivered - Left at front door. Signed for by: [redacted]'],
    ['Customer not available. Contact J. Rivera at 512-555-0134 or j.rivera@example.com', 'Customer not available. Contact: [redacted]'],
    ['Left with neighbor. Package in garage', 'Left with: [redacted]. Package in garage'],
    ['Received by MARIA GOMEZ, front desk', 'Received by: [redacted], front desk'],
    ['Call (512) 555-0134 before 2026-11-22', 'Call [redacted] before 2026-11-22'],
    ['Arrived at FedEx location', 'Arrived at FedEx location'],
    ['   ', null],
  ];
  for (const [input, expected] of cases) {
    it(JSON.stringify(input), () => assert.equal(scrubFreeText(input), expected));
  }
  it('absent text stays null', () => assert.equal(scrubFreeText(undefined), null));
});
