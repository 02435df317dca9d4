import assert from 'node:assert/strict';
import type { Reconciliation } from './reconciliation.ts';

/**
 * The guarantee every fault scenario ends with: everything sent was acknowledged in the end
 * (the vendor's retries succeed once the fault clears), no acknowledged event lost, no
 * duplicate posting, each shipment in the vendor's order. `repeatedCallsAllowed`: calls the
 * scenario may legitimately repeat (a consumer killed between the ERP's answer and its ledger
 * write); the ERP's Idempotency-Key absorbs those.
 */
export function assertNothingLost(r: Reconciliation, diagnostics: () => string, repeatedCallsAllowed = 0): void {
  const context = () => `${r.problems.join('\n')}\n--- last service output ---\n${diagnostics()}`;
  assert.equal(r.gaveUp, 0, `every delivery acknowledged in the end\n${context()}`);
  assert.equal(r.lost, 0, `no acknowledged event lost\n${context()}`);
  assert.equal(r.duplicates, 0, `no duplicate posting\n${context()}`);
  assert.equal(r.outOfOrder, 0, `every shipment in the vendor's order\n${context()}`);
  assert.ok(r.repeatedCalls <= repeatedCallsAllowed, `repeated calls ${r.repeatedCalls} <= ${repeatedCallsAllowed}\n${context()}`);
  assert.ok(r.acknowledgedEvents > 0, 'the load produced events');
}
