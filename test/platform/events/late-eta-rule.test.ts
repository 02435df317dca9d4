import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { judgeEta } from '../../../services/platform/events/late-eta-rule.ts';

const t = (iso: string) => new Date(iso);
const hour = 3_600_000;

describe('late ETA rule', () => {
  it('compares with the planned delivery when it is known, even if the previous ETA is given', () => {
    const v = judgeEta({ newEta: t('2026-03-03T13:00:00Z'), previousEta: t('2026-03-03T12:00:00Z') }, t('2026-03-03T10:00:00Z'), 2 * hour);
    assert.deepEqual(v, { late: true, baseline: t('2026-03-03T10:00:00Z'), baselineKind: 'planned-delivery', delayMs: 3 * hour });
  });

  it('falls back to the previous ETA without a plan', () => {
    const v = judgeEta({ newEta: t('2026-03-03T13:00:00Z'), previousEta: t('2026-03-03T10:30:00Z') }, null, 2 * hour);
    assert.deepEqual(v, { late: true, baseline: t('2026-03-03T10:30:00Z'), baselineKind: 'previous-eta', delayMs: 2.5 * hour });
  });

  it('is not late at exactly the threshold, nor when earlier', () => {
    assert.equal(judgeEta({ newEta: t('2026-03-03T12:00:00Z'), previousEta: null }, t('2026-03-03T10:00:00Z'), 2 * hour).late, false);
    assert.equal(judgeEta({ newEta: t('2026-03-03T08:00:00Z'), previousEta: null }, t('2026-03-03T10:00:00Z'), 2 * hour).delayMs, -2 * hour);
  });

  it('has no verdict for a first ETA of an unplanned shipment', () => {
    assert.deepEqual(judgeEta({ newEta: t('2026-03-03T12:00:00Z'), previousEta: null }, null), { late: false, baseline: null, baselineKind: null, delayMs: null });
  });

  it('catches an ETA creeping by an hour per update once it is past the threshold against the plan', () => {
    const plan = t('2026-03-03T10:00:00Z');
    const verdicts = [11, 12, 13].map((h, i) => judgeEta({ newEta: t(`2026-03-03T${h}:00:00Z`), previousEta: t(`2026-03-03T${10 + i}:00:00Z`) }, plan, 2 * hour).late);
    assert.deepEqual(verdicts, [false, false, true]);
  });
});
