import { MalformedInputError, UnsupportedMediaTypeError, ValidationError } from '../errors/backbone-error.ts';
import { assertWellFormedUnicode } from './unicode-check.ts';
import type { VendorMapping } from './vendor-mapping.ts';

/** The mapping chosen for a request body, and the body decoded for it. */
export interface RoutedBody {
  /** Vendor message kind, e.g. "pick.confirmed" or "X12-214". */
  kind: string;
  mapping: VendorMapping;
  body: unknown;
}

/**
 * Chooses the mapping for a raw request body. Throws UnsupportedMediaTypeError (415),
 * MalformedInputError (400) or ValidationError (422 for an unknown message kind or a lone
 * surrogate in the body's text).
 */
export interface BodyRouter {
  route(raw: Buffer, contentType: string): RoutedBody;
}

const jsonType = /^application\/(.+\+)?json\b/i;

/**
 * Routes JSON bodies by a discriminator field (default `eventType`) to their mapping; the
 * table of mappings is the documentation of what the endpoint accepts.
 */
export function jsonRouter(mappings: Record<string, VendorMapping>, discriminator = 'eventType'): BodyRouter {
  const supported = Object.keys(mappings).join(', ');
  return {
    route(raw, contentType) {
      if (!jsonType.test(contentType)) throw new UnsupportedMediaTypeError(`expected Content-Type application/json, got "${contentType || 'none'}"`);
      let body: unknown;
      const text = raw.toString('utf8');
      try {
        body = JSON.parse(text);
      } catch (err) {
        throw new MalformedInputError('MALFORMED_JSON', `request body is not valid JSON: ${(err as Error).message}`, err);
      }
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        throw new ValidationError('request body must be a JSON object', [{ path: '', message: 'expected object' }]);
      }
      assertWellFormedUnicode(body, text);
      const kind = (body as Record<string, unknown>)[discriminator];
      const mapping = typeof kind === 'string' && Object.prototype.hasOwnProperty.call(mappings, kind) ? mappings[kind] : undefined;
      if (!mapping) {
        throw new ValidationError(
          `unknown event type ${JSON.stringify(kind ?? null)}; supported: ${supported}`,
          [{ path: discriminator, message: `must be one of: ${supported}` }],
          'UNKNOWN_EVENT_TYPE',
        );
      }
      return { kind: kind as string, mapping, body };
    },
  };
}
