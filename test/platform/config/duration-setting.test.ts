import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { durationSetting, formatDuration, parseDuration } from '../../../services/platform/config/duration-setting.ts';

describe('duration settings', () => {
  it('parses single and combined units', () => {
    assert.equal(parseDuration('2h'), 7_200_000);
    assert.equal(parseDuration('90m'), 5_400_000);
    assert.equal(parseDuration('1h30m'), 5_400_000);
    assert.equal(parseDuration('45s'), 45_000);
    assert.equal(parseDuration('500ms'), 500);
    assert.equal(parseDuration(' 1D '), 86_400_000);
  });

  it('refuses what is not a positive duration', () => {
    for (const bad of ['', '2', 'h', 'two hours', '-1h', '0m', '1.5h']) assert.equal(parseDuration(bad), undefined, bad);
    const r = durationSetting.safeParse('soon');
    assert.equal(r.success, false);
    assert.match(r.error!.issues[0]!.message, /expected a positive duration like "90m", "2h" or "1h30m", got "soon"/);
  });

  it('formats back the way an operator writes it', () => {
    assert.equal(formatDuration(7_200_000), '2h');
    assert.equal(formatDuration(5_400_000 + 5000), '1h30m5s');
    assert.equal(formatDuration(25 * 3_600_000), '1d1h');
    assert.equal(formatDuration(250), '250ms');
  });
});
