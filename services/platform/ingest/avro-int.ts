import { z } from 'zod';

/** Largest value of an Avro `int` (32-bit signed). */
export const AVRO_INT_MAX = 2_147_483_647;

/**
 * A vendor field that becomes an Avro `int` of a canonical event: a whole number from `min`
 * to 2,147,483,647. zod's `.int()` alone let 2,147,483,648 through, and encoding the event
 * then failed with a 500 the vendor would retry forever; now it is a 422 naming the field.
 */
export const avroInt = (min: number) => z.number().int().min(min).max(AVRO_INT_MAX);
