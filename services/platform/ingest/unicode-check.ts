import { ValidationError } from '../errors/backbone-error.ts';

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// JSON text can only carry a lone surrogate as a \uD800-\uDFFF escape: UTF-8 decoding of the
// raw bytes turns invalid sequences into U+FFFD, never into a surrogate.
const surrogateEscape = /\\u[dD][89a-fA-F]/;

/** True when `s` holds a lone surrogate (a UTF-16 half with no partner): text with no UTF-8 form. */
export function hasLoneSurrogate(s: string): boolean {
  return loneSurrogate.test(s);
}

/** At most this many paths are listed in one refusal. */
const maxIssues = 20;

/**
 * Refuses a parsed JSON body with a lone surrogate in any key or string value (a `\uD800`
 * escape with no partner). Such text has no UTF-8 form: Kafka keys and Avro strings would
 * carry different replacement bytes, a Java consumer would see other text than a TypeScript
 * one, and a shipment id would no longer match its own partition key. A vendor's error: 422
 * INVALID_UNICODE listing the field paths. Walks iteratively, as bodies may nest deeply;
 * `rawText` lets bodies without any surrogate escape skip the walk.
 */
export function assertWellFormedUnicode(body: unknown, rawText: string): void {
  if (!surrogateEscape.test(rawText)) return;
  const issues: Array<{ path: string; message: string }> = [];
  const stack: Array<{ value: unknown; path: string }> = [{ value: body, path: '' }];
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length > 0 && issues.length < maxIssues) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (hasLoneSurrogate(value)) issues.push({ path, message: 'is not well-formed Unicode (lone surrogate)' });
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: at(path, String(i)) });
    } else if (typeof value === 'object' && value !== null) {
      const keys = Object.keys(value);
      for (let i = keys.length - 1; i >= 0; i--) {
        const key = keys[i]!;
        if (hasLoneSurrogate(key)) issues.push({ path: at(path, key), message: 'field name is not well-formed Unicode (lone surrogate)' });
        stack.push({ value: (value as Record<string, unknown>)[key], path: at(path, key) });
      }
    }
  }
  if (issues.length === 0) return;
  throw new ValidationError(
    `request body has text that is not well-formed Unicode at: ${issues.map((i) => i.path || '(root)').join(', ')}`,
    issues,
    'INVALID_UNICODE',
  );
}
