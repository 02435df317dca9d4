import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { durationSetting } from '../config/duration-setting.ts';
import { parseConfig } from '../config/load-config.ts';
import { ConfigError } from '../errors/backbone-error.ts';
import { eventTypeNames } from '../events/canonical-event.ts';

/** infra/slas.yaml: the business SLAs the ops monitor tracks unless SLA_RULES_FILE names another file. */
export const defaultSlaRulesFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'infra', 'slas.yaml');

const eventType = z.enum(eventTypeNames);

const ruleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"'),
  description: z.string().min(1),
  /** The event that starts the clock (its envelope.occurredAt). */
  start: eventType,
  /**
   * What stops it: another event whose envelope carries the same shipment id or order id
   * (`match`), or a consumer's completed side effect for the start event itself (the
   * consumer_effects row of that consumer name and the start event's id).
   */
  end: z.union([
    z.object({ event: eventType, match: z.enum(['shipmentId', 'orderId']) }).strict(),
    z.object({ consumer: z.string().min(1) }).strict(),
  ]),
  /** How long after the start the end must happen, e.g. "24h", "15m". */
  within: durationSetting,
});

const fileSchema = z
  .object({ slas: z.array(ruleSchema) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.slas.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['slas', i, 'id'], message: `duplicate rule id "${r.id}"` });
      seen.add(r.id);
      // OrderReleased happens before a shipment exists: its envelope.shipmentId is always null.
      if (r.start === 'OrderReleased' && 'match' in r.end && r.end.match === 'shipmentId') {
        ctx.addIssue({ code: 'custom', path: ['slas', i, 'end', 'match'], message: 'OrderReleased carries no shipment id; match on orderId' });
      }
    });
  });

/** One business SLA: `start` must be followed by `end` within `withinMs`. */
export interface SlaRule {
  id: string;
  description: string;
  start: string;
  end: { event: string; match: 'shipmentId' | 'orderId' } | { consumer: string };
  withinMs: number;
  /** `withinMs` as an operator writes it ("24h"). */
  within: string;
}

/** Validates parsed YAML as a list of SLA rules; errors name the path (`slas.1.within`) and the file. */
export function parseSlaRules(input: unknown, source = 'SLA rules'): SlaRule[] {
  let parsed: z.output<typeof fileSchema>;
  try {
    parsed = parseConfig(fileSchema, input);
  } catch (err) {
    if (err instanceof ConfigError) throw new ConfigError(`${source} (SLA_RULES_FILE): ${err.message}`, err.details as { path: string; issues?: unknown });
    throw err;
  }
  // Keep `within` as the operator wrote it ("24h", not "1d"); validation guarantees it is a string.
  const written = (i: number) => String((input as { slas: Array<{ within: string }> }).slas[i]!.within).trim();
  return parsed.slas.map((r, i) => ({ id: r.id, description: r.description, start: r.start, end: r.end, withinMs: r.within, within: written(i) }));
}

/** Reads and validates an SLA rules file (YAML); a missing or malformed file fails naming it. */
export function loadSlaRules(file = defaultSlaRulesFile): SlaRule[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read SLA rules file ${file} (SLA_RULES_FILE): ${(err as Error).message}`, { path: 'slaRulesFile' });
  }
  let yaml: unknown;
  try {
    yaml = parse(text);
  } catch (err) {
    throw new ConfigError(`SLA rules file ${file} (SLA_RULES_FILE) is not valid YAML: ${(err as Error).message}`, { path: 'slaRulesFile' });
  }
  return parseSlaRules(yaml, file);
}

/** The envelope field an end event is correlated by, or undefined for a consumer-effect rule. */
export function matchFieldOf(rule: SlaRule): 'shipmentId' | 'orderId' | undefined {
  return 'match' in rule.end ? rule.end.match : undefined;
}
