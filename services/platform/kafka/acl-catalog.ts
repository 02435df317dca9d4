import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';
import { parseConfig } from '../config/load-config.ts';
import type { TopicCatalog } from './topic-catalog.ts';

/** infra/acls.yaml: who may produce or consume what, next to infra/topics.yaml. */
export const defaultAclsFile = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'infra', 'acls.yaml');

/** Principals that are super users of a secured cluster and never appear in infra/acls.yaml. */
export const superUserPrincipals = ['broker', 'admin'] as const;

const principalName = z.string().regex(/^[a-z][a-z0-9-]*$/, 'lower-case letters, digits and "-"');
const principalSchema = z.object({
  description: z.string().min(1),
  produce: z.array(z.string()).default([]),
  consume: z.array(z.string()).default([]),
  describe: z.array(z.string()).default([]),
  groups: z.array(z.string().min(1)).default([]),
  describeGroups: z.array(z.string().min(1)).default([]),
  externalTopicPrefixes: z.array(z.string().min(1)).default([]),
});
const fileSchema = z.object({ principals: z.record(principalName, principalSchema) });

/** One declared principal's grants, as written in infra/acls.yaml. */
export type PrincipalGrants = z.infer<typeof principalSchema>;

/** Kafka ACL operations the catalog uses. */
export type AclOperation = 'ALL' | 'READ' | 'WRITE' | 'DESCRIBE' | 'DESCRIBE_CONFIGS';

/** One ALLOW binding: principal may do `operation` on a resource (any host). */
export interface AclBinding {
  principal: string;
  resourceType: 'TOPIC' | 'GROUP';
  resourceName: string;
  patternType: 'LITERAL' | 'PREFIXED';
  operation: AclOperation;
}

/** What a cluster's admin client must offer to apply ACLs. */
export interface AclAdmin {
  /** Creates ALLOW bindings; existing identical bindings are left as they are. */
  createAcls(bindings: AclBinding[]): Promise<void>;
}

/** The declared principals and their grants (from infra/acls.yaml). */
export class AclCatalog {
  constructor(readonly principals: Record<string, PrincipalGrants>) {
    for (const name of Object.keys(principals)) {
      if ((superUserPrincipals as readonly string[]).includes(name)) throw new Error(`infra/acls.yaml: "${name}" is a super user and must not be declared`);
    }
  }

  /** Reads infra/acls.yaml (or `file`); fails naming the wrong path. */
  static load(file = defaultAclsFile): AclCatalog {
    return new AclCatalog(parseConfig(fileSchema, parse(readFileSync(file, 'utf8'))).principals);
  }

  /** Every principal that needs a login: the declared services plus the super users. */
  get loginNames(): string[] {
    return [...superUserPrincipals, ...Object.keys(this.principals)];
  }

  /**
   * The ALLOW bindings of the declared principals (all, or only `only`), with topic names
   * resolved against the topic catalog (its prefix applied). Fails on a topic topics.yaml
   * does not declare, so a typo cannot silently grant nothing.
   */
  bindings(topics: TopicCatalog, only?: string[]): AclBinding[] {
    const out: AclBinding[] = [];
    const declared = new Map(topics.topics.map((t) => [t.name.slice(topics.prefix.length), t.name]));
    const resolve = (who: string, ref: string): string[] => {
      if (ref === '*') return topics.topics.map((t) => t.name);
      const name = declared.get(ref);
      if (!name) throw new Error(`infra/acls.yaml: ${who} refers to topic "${ref}", which infra/topics.yaml does not declare`);
      return [name];
    };
    for (const [name, g] of Object.entries(this.principals)) {
      if (only && !only.includes(name)) continue;
      const principal = `User:${name}`;
      const topic = (refs: string[], ops: AclOperation[]) => {
        for (const ref of refs) for (const t of resolve(name, ref)) for (const operation of ops) out.push({ principal, resourceType: 'TOPIC', resourceName: t, patternType: 'LITERAL', operation });
      };
      const group = (prefixes: string[], ops: AclOperation[]) => {
        for (const p of prefixes) {
          for (const operation of ops) out.push({ principal, resourceType: 'GROUP', resourceName: p, patternType: p === '*' ? 'LITERAL' : 'PREFIXED', operation });
        }
      };
      topic(g.produce, ['WRITE', 'DESCRIBE']);
      topic(g.consume, ['READ', 'DESCRIBE']);
      topic(g.describe, ['DESCRIBE', 'DESCRIBE_CONFIGS']);
      group(g.groups, ['READ', 'DESCRIBE']);
      group(g.describeGroups, ['DESCRIBE']);
      for (const p of g.externalTopicPrefixes) out.push({ principal, resourceType: 'TOPIC', resourceName: p, patternType: 'PREFIXED', operation: 'ALL' });
    }
    return dedupe(out);
  }
}

function dedupe(bindings: AclBinding[]): AclBinding[] {
  const seen = new Set<string>();
  return bindings.filter((b) => {
    const k = `${b.principal}|${b.resourceType}|${b.resourceName}|${b.patternType}|${b.operation}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** What applying the ACLs did. */
export type AclApplyReport = { applied: number; principals: string[] } | { skipped: string };

/**
 * Applies the declared ACLs (idempotent: Kafka keeps one copy of an identical binding). On a
 * cluster without an authorizer (plaintext mode) Kafka answers SECURITY_DISABLED: the ACLs are
 * skipped and the report says why.
 */
export async function applyAcls(admin: AclAdmin, acls: AclCatalog, topics: TopicCatalog, only?: string[]): Promise<AclApplyReport> {
  const bindings = acls.bindings(topics, only);
  try {
    await admin.createAcls(bindings);
  } catch (err) {
    const type = (err as { type?: string }).type ?? '';
    const message = err instanceof Error ? err.message : String(err);
    if (type === 'SECURITY_DISABLED' || /security features are disabled|no authorizer/i.test(message)) {
      return { skipped: 'the cluster has no authorizer (plaintext mode); ACLs apply only with LEB_KAFKA_SECURITY=sasl_ssl' };
    }
    throw err;
  }
  return { applied: bindings.length, principals: [...new Set(bindings.map((b) => b.principal))] };
}
