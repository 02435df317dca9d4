import { ValidationError } from '../../errors/backbone-error.ts';
import { lookupCode } from '../vendor-mapping.ts';

/**
 * X12 time codes (element 623) the backbone can place on the UTC timeline: fixed offsets in
 * minutes for the standard/daylight codes, an IANA zone for the "time" codes whose offset
 * depends on the date (DST). "LT" (local time) is deliberately absent: without a zone it has
 * no UTC instant, so it is refused (422) rather than guessed.
 */
export const x12TimeCodes: Readonly<Record<string, { offsetMinutes: number } | { zone: string }>> = {
  UT: { offsetMinutes: 0 },
  GM: { offsetMinutes: 0 },
  ES: { offsetMinutes: -300 },
  ED: { offsetMinutes: -240 },
  ET: { zone: 'America/New_York' },
  CS: { offsetMinutes: -360 },
  CD: { offsetMinutes: -300 },
  CT: { zone: 'America/Chicago' },
  MS: { offsetMinutes: -420 },
  MD: { offsetMinutes: -360 },
  MT: { zone: 'America/Denver' },
  PS: { offsetMinutes: -480 },
  PD: { offsetMinutes: -420 },
  PT: { zone: 'America/Los_Angeles' },
  AS: { offsetMinutes: -540 },
  AD: { offsetMinutes: -480 },
  AT: { zone: 'America/Anchorage' },
  HS: { offsetMinutes: -600 },
  HT: { zone: 'Pacific/Honolulu' },
  TS: { offsetMinutes: -240 },
  TD: { offsetMinutes: -180 },
  TT: { zone: 'America/Halifax' },
  NS: { offsetMinutes: -210 },
  ND: { offsetMinutes: -150 },
  NT: { zone: 'America/St_Johns' },
};

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(`invalid ${path}: ${message}`, [{ path, message }]);
}

/** CCYYMMDD → "YYYY-MM-DD" (the Avro date logical type's form); throws a ValidationError naming path. */
export function x12Date(value: string, path: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : '';
  if (!m || Number.isNaN(Date.parse(`${iso}T00:00:00Z`)) || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
    throw invalid(path, `${JSON.stringify(value)} is not a date CCYYMMDD`);
  }
  return iso;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Offset of an IANA zone from UTC at an instant, in minutes (local − UTC). */
function zoneOffsetMinutes(zone: string, instant: number): number {
  let fmt = formatters.get(zone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(zone, fmt);
  }
  const p = Object.fromEntries(fmt.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/** Where an X12 date/time triple comes from, for error paths (e.g. "ST[0001].LX[1].AT7-05"). */
export interface X12DateTimePaths {
  date: string;
  time: string;
  timeCode: string;
}

/**
 * An X12 date (CCYYMMDD), time (HHMM, HHMMSS, HHMMSSD or HHMMSSDD) and time code → UTC
 * instant. Zone codes (ET, CT, …) honour daylight saving time on that date. A missing or
 * "LT" time code is refused: local time without a zone is not an instant.
 */
export function x12DateTime(date: string, time: string, timeCode: string, paths: X12DateTimePaths): Date {
  const day = x12Date(date, paths.date);
  const t = /^([01]\d|2[0-3])([0-5]\d)(?:([0-5]\d)(\d{1,2})?)?$/.exec(time);
  if (!t) throw invalid(paths.time, `${JSON.stringify(time)} is not a time HHMM[SS[D[D]]]`);
  if (!timeCode) throw invalid(paths.timeCode, 'time code is required: a local time without a zone cannot be placed in UTC');
  const code = lookupCode(x12TimeCodes, timeCode, paths.timeCode, 'X12 time code');
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const ms = t[4] ? Math.round(Number(`0.${t[4]}`) * 1000) : 0;
  const wall = Date.UTC(y, mo - 1, d, Number(t[1]), Number(t[2]), Number(t[3] ?? 0), ms);
  if ('offsetMinutes' in code) return new Date(wall - code.offsetMinutes * 60_000);
  const first = zoneOffsetMinutes(code.zone, wall);
  const utc = wall - first * 60_000;
  const second = zoneOffsetMinutes(code.zone, utc);
  return new Date(second === first ? utc : wall - second * 60_000);
}

/** The IANA zone an X12 time code names, if it names one (ET → America/New_York); null for fixed offsets. */
export function x12TimeCodeZone(timeCode: string): string | null {
  const code = Object.prototype.hasOwnProperty.call(x12TimeCodes, timeCode) ? x12TimeCodes[timeCode] : undefined;
  return code && 'zone' in code ? code.zone : null;
}
