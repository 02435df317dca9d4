/**
 * HTML building with escaping by default: every interpolated value is escaped unless it is
 * already `SafeHtml` (built by this module), so data from Kafka, vendors or the URL can never
 * become markup or script in an operator's browser.
 */

/** Markup that is known to be safe (built here, or escaped). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => entities[c]!);
}

/** A value as markup: SafeHtml as is, arrays joined, anything else escaped; null/undefined/false render nothing. */
function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** Tagged template: `html\`<td>${name}</td>\`` escapes `name`; nested `html` fragments stay markup. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

/** Marks trusted markup (generated SVG, constant CSS) as safe; never pass data through this. */
export function trusted(markup: string): SafeHtml {
  return new SafeHtml(markup);
}

/** A URL query string from pairs (values encoded). */
export function query(params: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
