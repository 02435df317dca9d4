import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import avro from 'avsc';
import { FrameEncodeError, FrameEncoder, writeSchemaId, writerIsLooserThanValidator } from '../../../services/platform/codec/frame-encoder.ts';
import { loadEventSchemas } from '../../../services/platform/schemas/schema-catalog.ts';
import { pickCompletedEvent } from '../../support/fixtures.ts';

describe('FrameEncoder', () => {
  const pick = loadEventSchemas().get('PickCompleted')!;

  it('writes the same Avro body as avsc toBuffer, after a 5-byte header', () => {
    const event = pickCompletedEvent();
    const frame = new FrameEncoder().encode(pick.type, event);
    writeSchemaId(frame, 4242);
    assert.equal(frame[0], 0);
    assert.equal(frame.readUInt32BE(1), 4242);
    assert.deepEqual(frame.subarray(5), pick.type.toBuffer(event));
  });

  it('grows its scratch buffer for a value larger than it, and keeps earlier frames intact', () => {
    const encoder = new FrameEncoder();
    const small = pickCompletedEvent();
    const first = encoder.encode(pick.type, small);
    const big = { ...pickCompletedEvent(), waveId: 'W'.repeat(100_000) };
    const frame = encoder.encode(pick.type, big);
    assert.deepEqual(frame.subarray(5), pick.type.toBuffer(big));
    assert.deepEqual(first.subarray(5), pick.type.toBuffer(small));
    // Past 1 MiB the scratch buffer is dropped after use; the next encode starts small again.
    const huge = { ...pickCompletedEvent(), waveId: 'H'.repeat(3_000_000) };
    assert.deepEqual(encoder.encode(pick.type, huge).subarray(5), pick.type.toBuffer(huge));
    assert.deepEqual(encoder.encode(pick.type, small).subarray(5), pick.type.toBuffer(small));
  });

  it('names every failing field path of an invalid value', () => {
    const bad = pickCompletedEvent() as unknown as { lines: Array<{ quantity: unknown; sku: unknown }> };
    bad.lines[0]!.quantity = 'three';
    bad.lines[0]!.sku = 7;
    assert.throws(
      () => new FrameEncoder().encode(pick.type, bad),
      (e: unknown) => e instanceof FrameEncodeError && e.paths.includes('lines.0.quantity') && e.paths.includes('lines.0.sku'),
    );
  });

  it('validates first where the writer alone would accept a non-object for a record of defaults', () => {
    const loose = avro.Type.forSchema({ type: 'record', name: 'Opt', fields: [{ name: 'a', type: ['null', 'string'], default: null }] });
    const strict = avro.Type.forSchema({ type: 'record', name: 'Req', fields: [{ name: 'a', type: 'string' }] });
    assert.equal(writerIsLooserThanValidator(loose), true);
    assert.equal(writerIsLooserThanValidator(strict), false);
    assert.equal(writerIsLooserThanValidator(pick.type), false, 'canonical events need no validation pass');
    assert.throws(() => new FrameEncoder().encode(loose, 'not a record'), FrameEncodeError);
  });
});
