import { z } from 'zod';
import type { IoLogisticsCommon } from '../../platform/events/canonical-event.ts';
import { avroInt } from '../../platform/ingest/avro-int.ts';

/** The fields every WMS line carries besides its quantities. */
export const wmsLineFields = {
  lineNumber: avroInt(1),
  sku: z.string().min(1).max(64),
  unitOfMeasure: z.string().min(1).max(10),
  lotNumber: z.string().min(1).max(64).optional(),
};

/** A canonical LineItem from a WMS line and the quantity the event states (ordered, picked, ...). */
export function wmsLineItem(l: { lineNumber: number; sku: string; unitOfMeasure: string; lotNumber?: string }, quantity: number): IoLogisticsCommon.LineItem {
  return { lineNumber: l.lineNumber, sku: l.sku, quantity, unitOfMeasure: l.unitOfMeasure, lotNumber: l.lotNumber ?? null };
}
