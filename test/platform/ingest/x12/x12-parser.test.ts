import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { MalformedInputError } from '../../../../services/platform/errors/backbone-error.ts';
import { element } from '../../../../services/platform/ingest/x12/x12-interchange.ts';
import { parseX12 } from '../../../../services/platform/ingest/x12/x12-parser.ts';
import { x12Text } from '../../../support/x12-text.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/vendors/${name}`, import.meta.url), 'utf8');
const sample = () => x12Text({ sets: [{ id: '214', control: '0001', segments: ['B10*PRO1*SHP-1*ODFL', 'LX*1', 'AT7*AF*NS***20261122*0845*ET'] }] });

/** Asserts that parsing fails with MALFORMED_EDI and a message matching `pattern`. */
function assertMalformed(text: string, pattern: RegExp): void {
  assert.throws(
    () => parseX12(text),
    (err: unknown) => {
      assert.ok(err instanceof MalformedInputError, `expected MalformedInputError, got ${String(err)}`);
      assert.equal(err.code, 'MALFORMED_EDI');
      assert.match(err.message, pattern);
      return true;
    },
  );
}

describe('X12 parser: envelopes and delimiters', () => {
  it('parses a multi-status 214 fixture: ISA ids, group, set and its segments', () => {
    const ix = parseX12(fixture('ltl-carrier-x12/214-multi-status.edi'));
    assert.deepEqual(ix.separators, { element: '*', component: '>', segment: '~' });
    assert.equal(ix.senderId, 'ODFL');
    assert.equal(ix.receiverId, 'LEBACKBONE');
    assert.equal(ix.controlNumber, '000004711');
    assert.equal(ix.version, '00401');
    assert.equal(ix.usage, 'P');
    assert.equal(ix.groups.length, 1);
    const g = ix.groups[0]!;
    assert.deepEqual([g.functionalId, g.controlNumber, g.version, g.date, g.time], ['QM', '4711', '004010', '20261123', '0815']);
    const set = g.transactionSets[0]!;
    assert.deepEqual([set.id, set.controlNumber, set.segments.length], ['214', '0001', 22]);
    assert.equal(set.segments[0]!.id, 'B10');
    assert.deepEqual(set.segments[0]!.elements, ['7784512903', 'SHP-2026-000123', 'ODFL']);
    assert.equal(element(set.segments[0]!, 2), 'SHP-2026-000123');
    assert.equal(element(set.segments[0]!, 9), '');
    assert.equal(set.segments[0]!.index, 4, 'ISA is segment 1, GS 2, ST 3');
  });

  it('reads the delimiters from the ISA: element at position 3, component ISA16, terminator after it', () => {
    const text = x12Text({ element: '|', component: '^', terminator: '\n', lineBreak: '', sets: [{ id: '214', control: '0001', segments: ['B10*PRO1*SHP-1*ODFL'] }] });
    const ix = parseX12(text);
    assert.deepEqual(ix.separators, { element: '|', component: '^', segment: '\n' });
    assert.deepEqual(ix.groups[0]!.transactionSets[0]!.segments[0]!.elements, ['PRO1', 'SHP-1', 'ODFL']);
  });

  it('accepts a body on one line and CRLF line breaks after terminators', () => {
    const oneLine = sample().replaceAll('\n', '');
    assert.equal(parseX12(oneLine).groups[0]!.transactionSets[0]!.segments.length, 3);
    assert.equal(parseX12(sample().replaceAll('\n', '\r\n')).groups[0]!.transactionSets[0]!.segments.length, 3);
  });

  it('parses several transaction sets in one group', () => {
    const ix = parseX12(fixture('ltl-carrier-x12/214-delivered-and-delayed.edi'));
    assert.deepEqual(
      ix.groups[0]!.transactionSets.map((s) => [s.id, s.controlNumber]),
      [['214', '0001'], ['214', '0002']],
    );
  });
});

describe('X12 parser: malformed interchanges are MALFORMED_EDI naming segment and problem', () => {
  it('a body that is not X12', () => assertMalformed('{"eventType":"x"}', /expected "ISA" at offset 0/));

  it('an ISA cut short', () => assertMalformed(sample().slice(0, 60), /ISA at segment 1.*truncated.*106 characters/));

  it('an ISA element of the wrong width', () => {
    const text = sample().replace('*02*TEST           *', '*02*TEST          *');
    assertMalformed(text, /ISA at segment 1.*expected the element separator "\*" before ISA07 at position 50, found "Z"/);
  });

  it('an interchange control number that is not 9 digits', () => {
    assertMalformed(sample().replace('*00401*000000001*', '*00401*00000000A*'), /ISA13 "00000000A" is not a valid control number/);
  });

  it('a wrong SE segment count', () => {
    assertMalformed(sample().replace('SE*5*0001', 'SE*6*0001'), /SE at segment 7 \(offset \d+\): SE01 says "6" segments, transaction set 0001 has 5/);
  });

  it('an SE control number that does not match ST02', () => {
    assertMalformed(sample().replace('SE*5*0001', 'SE*5*0002'), /SE at segment 7.*SE02 "0002" does not match ST02 "0001"/);
  });

  it('a wrong GE transaction set count', () => {
    assertMalformed(sample().replace('GE*1*1', 'GE*2*1'), /GE at segment 8.*GE01 says "2" transaction sets, group 1 has 1/);
  });

  it('a GE control number that does not match GS06', () => {
    assertMalformed(sample().replace('GE*1*1', 'GE*1*9'), /GE02 "9" does not match GS06 "1"/);
  });

  it('a wrong IEA group count or control number', () => {
    assertMalformed(sample().replace('IEA*1*', 'IEA*2*'), /IEA at segment 9.*IEA01 says "2" functional groups, the interchange has 1/);
    assertMalformed(sample().replace('IEA*1*000000001', 'IEA*1*000000002'), /IEA02 "000000002" does not match ISA13 "000000001"/);
  });

  it('a body truncated after a complete segment (no SE, GE, IEA)', () => {
    const text = sample();
    assertMalformed(text.slice(0, text.indexOf('SE*')), /truncated: the interchange 000000001 ends inside transaction set 0001 \(no SE\)/);
  });

  it('a body truncated in the middle of a segment', () => {
    const text = sample();
    assertMalformed(text.slice(0, text.indexOf('AT7*') + 10), /AT7 at segment 6 \(offset \d+\): truncated: "AT7\*AF\*NS\*" has no segment terminator "~"/);
  });

  it('a body without IEA', () => {
    const text = sample();
    assertMalformed(text.slice(0, text.indexOf('IEA*')), /truncated: the interchange 000000001 ends without IEA/);
  });

  it('a data segment outside a transaction set', () => {
    assertMalformed(sample().replace('GE*1*1~', 'LX*9~\nGE*1*1~'), /LX at segment 8.*data segment outside a transaction set/);
  });

  it('an ST before the previous SE', () => {
    assertMalformed(sample().replace('LX*1~', 'ST*214*0002~'), /ST at segment 5.*ST before the SE of transaction set 0001/);
  });

  it('data after IEA', () => assertMalformed(`${sample()}GS*QM*X*Y*20261122*1432*2*X*004010~`, /GS at segment 10.*data after IEA/));

  it('an invalid segment id', () => assertMalformed(sample().replace('LX*1', 'lx*1'), /"lx" at segment 5.*not a segment id/));
});
