import { z } from 'zod';

const unitMs: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Parses a duration such as "500ms", "45s", "90m", "2h", "1h30m" or "1d" into milliseconds;
 * undefined when the text is not such a duration (or is zero).
 */
export function parseDuration(text: string): number | undefined {
  const compact = text.trim().toLowerCase();
  if (!/^(\d+(ms|s|m|h|d))+$/.test(compact)) return undefined;
  let total = 0;
  for (const [, n, unit] of compact.matchAll(/(\d+)(ms|s|m|h|d)/g)) total += Number(n) * unitMs[unit!]!;
  return total > 0 ? total : undefined;
}

/** Renders milliseconds the way an operator writes them ("2h", "1h30m", "45s"). */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000);
  for (const [unit, size] of [['d', 86_400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    }
  }
  return parts.join('');
}

/** A zod setting holding a duration text ("2h"), validated and turned into milliseconds. */
export const durationSetting = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected a positive duration like "90m", "2h" or "1h30m", got "${text}"` });
    return z.NEVER;
  }
  return ms;
});
