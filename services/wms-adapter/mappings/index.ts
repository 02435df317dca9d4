import type { z } from 'zod';
import type { TypedEvent } from '../../platform/events/canonical-event.ts';
import type { MappingContext } from './mapping-context.ts';
import { pickConfirmationSchema, toPickCompleted } from './pick-confirmation.ts';

/** One vendor event kind: how to validate its body and which canonical event it becomes. */
export interface WmsMapping {
  schema: z.ZodType;
  map(body: unknown, ctx: MappingContext): TypedEvent;
}

/**
 * The WMS vendor event kinds this adapter accepts, by the body's `eventType`. The table is the
 * documentation of the mapping: vendor kind → canonical event.
 */
export const wmsMappings: Record<string, WmsMapping> = {
  'pick.confirmed': {
    schema: pickConfirmationSchema,
    map: (body, ctx) => ({ eventType: 'PickCompleted', event: toPickCompleted(body as z.infer<typeof pickConfirmationSchema>, ctx) }),
  },
};
