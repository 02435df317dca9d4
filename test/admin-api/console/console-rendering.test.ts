import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { html } from '../../../services/admin-api/console/html.ts';
import { lineChart, niceMax } from '../../../services/admin-api/console/line-chart.ts';
import { hexDump } from '../../../services/admin-api/console/payload-view.ts';
import { RingBuffer } from '../../../services/admin-api/console/ring-buffer.ts';

describe('console rendering', () => {
  it('escapes every interpolated value, keeping nested fragments as markup', () => {
    const name = `<script>alert("x")</script>' onload='x`;
    const out = html`<td title="${name}">${name}${html`<b>${'&'}</b>`}</td>`.value;
    assert.equal(out, '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x<b>&amp;</b></td>');
    assert.equal(html`${[1, '<i>']}${undefined}${null}${false}`.value, '1&lt;i&gt;');
  });

  it('draws a line per series with escaped names, and says when there is nothing yet', () => {
    const svg = lineChart({ title: 'Lag', unit: 'records', series: [{ name: 'g<1>', points: [{ t: 0, v: 3 }, { t: 5000, v: 7 }] }, { name: 'g2', points: [{ t: 0, v: 1 }] }] }).value;
    assert.equal(svg.match(/<polyline/g)?.length, 1);
    assert.equal(svg.match(/<circle/g)?.length, 1);
    assert.match(svg, /g&lt;1&gt; \(7\)/);
    assert.doesNotMatch(svg, /g<1>/);
    assert.match(lineChart({ title: 'Lag', unit: 'records', series: [] }).value, /no samples yet/);
    assert.deepEqual([0, 0.3, 7, 10, 11, 2400].map(niceMax), [1, 0.5, 10, 10, 20, 2500]);
  });

  it('keeps the newest samples in a ring buffer, oldest first', () => {
    const r = new RingBuffer<number>(3);
    for (let i = 1; i <= 5; i++) r.push(i);
    assert.deepEqual(r.toArray(), [3, 4, 5]);
    assert.equal(r.latest(), 5);
  });

  it('dumps bytes as offset, hex and printable text', () => {
    const dump = hexDump(Buffer.from('\u0000\u0001ABCDEFGHIJKLMNOPQR'));
    assert.equal(dump.split('\n')[0], '00000000  00 01 41 42 43 44 45 46 47 48 49 4a 4b 4c 4d 4e  ..ABCDEFGHIJKLMN');
    assert.match(dump.split('\n')[1]!, /^00000010  4f 50 51 52 +OPQR$/);
    assert.match(hexDump(Buffer.alloc(40), 16), /24 more bytes/);
  });
});
