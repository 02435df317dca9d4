import { UnsupportedMediaTypeError, ValidationError } from '../../errors/backbone-error.ts';
import type { BodyRouter } from '../body-router.ts';
import type { VendorMapping } from '../vendor-mapping.ts';
import { transactionSetsOf } from './x12-interchange.ts';
import { parseX12 } from './x12-parser.ts';

const x12Type = /^(application\/(edi-x12|x12)|text\/plain)\b/i;

/**
 * Routes X12 bodies (Content-Type application/edi-x12 or text/plain) by transaction set id
 * (ST01, e.g. "214") to their mapping; the mapping receives the parsed X12Interchange.
 * Syntax and envelope errors are 400 (MALFORMED_EDI); a transaction set without a mapping,
 * or an interchange mixing several kinds, is 422 (UNKNOWN_EVENT_TYPE) naming them. The
 * routed kind is "X12-<ST01>".
 */
export function x12Router(mappings: Record<string, VendorMapping>): BodyRouter {
  const supported = Object.keys(mappings).join(', ');
  return {
    route(raw, contentType) {
      if (!x12Type.test(contentType)) throw new UnsupportedMediaTypeError(`expected Content-Type application/edi-x12 or text/plain, got "${contentType || 'none'}"`);
      const interchange = parseX12(raw.toString('utf8'));
      const sets = transactionSetsOf(interchange);
      const kinds = [...new Set(sets.map((s) => s.id))];
      const unknown = kinds.filter((k) => !Object.prototype.hasOwnProperty.call(mappings, k));
      if (unknown.length > 0 || kinds.length !== 1) {
        const first = unknown.length > 0 ? sets.find((s) => s.id === unknown[0]) : sets[0];
        const message =
          unknown.length > 0
            ? `unknown X12 transaction set ${unknown.map((k) => `"${k}"`).join(', ')}; supported: ${supported}`
            : kinds.length === 0
              ? `interchange ${interchange.controlNumber} carries no transaction set; supported: ${supported}`
              : `interchange ${interchange.controlNumber} mixes transaction sets ${kinds.join(', ')}; send one kind per request`;
        const path = first ? `ST[${first.controlNumber}].ST01` : 'ST01';
        throw new ValidationError(message, [{ path, message }], 'UNKNOWN_EVENT_TYPE');
      }
      const kind = kinds[0]!;
      return { kind: `X12-${kind}`, mapping: mappings[kind]!, body: interchange };
    },
  };
}
