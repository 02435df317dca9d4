import { EffectLedger } from '../dedup/effect-ledger.ts';
import type { StateStore } from '../state/state-store.ts';
import type { SlaRule } from './sla-rules.ts';

const ddl = `
create table if not exists sla_rules (
  rule_id     text        primary key,
  description text        not null,
  within      text        not null,
  within_ms   bigint      not null,
  start_type  text        not null,
  end_spec    jsonb       not null,
  active      boolean     not null default true,
  declared_by text        not null default '',
  updated_at  timestamptz not null default now()
);
alter table sla_rules add column if not exists declared_by text not null default '';
create table if not exists sla_obligations (
  rule_id          text        not null,
  start_event_id   text        not null,
  start_event_type text        not null,
  key              text        not null,
  match_value      text,
  end_consumer     text,
  started_at       timestamptz not null,
  deadline         timestamptz not null,
  completed_at     timestamptz,
  completed_by     text,
  status           text        not null check (status in ('open', 'met', 'breached', 'late')),
  missed           boolean     not null default false,
  primary key (rule_id, start_event_id)
);
create index if not exists sla_obligations_status on sla_obligations (status, deadline);
create index if not exists sla_obligations_match on sla_obligations (rule_id, match_value) where status in ('open', 'breached');
create table if not exists sla_end_events (
  rule_id      text        not null,
  match_value  text        not null,
  event_id     text        not null,
  occurred_at  timestamptz not null,
  primary key (rule_id, match_value, event_id)
);`;

/** An obligation that missed its deadline: still open past it, or completed after it. */
export interface SlaBreach {
  ruleId: string;
  description: string;
  /** Record key of the start event (shipment id or `order:<id>`), searchable in the timeline. */
  key: string;
  startEventId: string;
  startEventType: string;
  startedAt: Date;
  deadline: Date;
  completedAt?: Date;
  /** breached = still open past the deadline; late = completed after it. */
  status: 'breached' | 'late';
}

/** Counts per rule, for the console and the metrics. */
export interface SlaSummary {
  ruleId: string;
  description: string;
  within: string;
  /** Open and not yet past the deadline. */
  open: number;
  met: number;
  /** Still open past the deadline. */
  breached: number;
  /** Completed after the deadline. */
  late: number;
}

/** A status change of one obligation that the metrics count. */
export interface SlaTransition {
  ruleId: string;
  status: 'met' | 'breached' | 'late';
  /** True the first time this obligation is seen to have missed its deadline (breached, or late without having been breached). */
  newlyMissed: boolean;
}

/** An obligation to open for a start event. */
export interface NewObligation {
  rule: SlaRule;
  key: string;
  /** Value of the rule's match field in the start event (undefined for consumer-effect rules). */
  matchValue?: string;
  startEventId: string;
  startEventType: string;
  startedAt: Date;
}

const transitions = (rows: Array<{ rule_id: string; status: SlaTransition['status']; was_missed: boolean }>): SlaTransition[] =>
  rows.map((r) => ({ ruleId: r.rule_id, status: r.status, newlyMissed: r.status !== 'met' && !r.was_missed }));

/**
 * SLA obligations in PostgreSQL: one per rule and start event (so a redelivered or replayed
 * event never opens a second one), completed by an end event or a consumer's effect, and
 * swept into `breached` once past the deadline. Readers (the console) use `breaches` and
 * `summary`; the ops monitor's tracker writes.
 */
export class SlaStore {
  private constructor(private readonly store: StateStore) {}

  /** Creates its tables (and the effect ledger's, which the sweep reads) idempotently. */
  static async open(store: StateStore): Promise<SlaStore> {
    await EffectLedger.open(store);
    await store.migrate('sla_obligations', ddl);
    return new SlaStore(store);
  }

  /**
   * Declares the rules a monitor is configured with (readers show their description and
   * `within`). `owner` is the monitor's consumer group: the rules it declared before and no
   * longer has become inactive, while other monitors' rules are left alone.
   */
  async declareRules(rules: SlaRule[], owner: string): Promise<void> {
    for (const r of rules) {
      await this.store.query(
        `insert into sla_rules (rule_id, description, within, within_ms, start_type, end_spec, active, declared_by, updated_at)
         values ($1, $2, $3, $4, $5, $6, true, $7, now())
         on conflict (rule_id) do update set description = excluded.description, within = excluded.within, within_ms = excluded.within_ms,
           start_type = excluded.start_type, end_spec = excluded.end_spec, active = true, declared_by = excluded.declared_by, updated_at = now()`,
        [r.id, r.description, r.within, r.withinMs, r.start, JSON.stringify(r.end), owner],
      );
    }
    await this.store.query('update sla_rules set active = false where declared_by = $1 and not (rule_id = any($2::text[]))', [owner, rules.map((r) => r.id)]);
  }

  /**
   * Opens an obligation unless one exists for this rule and start event; when its end event
   * was already seen (events of different keys arrive in any order), completes it at once.
   */
  async open(o: NewObligation): Promise<SlaTransition[]> {
    const endConsumer = 'consumer' in o.rule.end ? o.rule.end.consumer : null;
    await this.store.query(
      `insert into sla_obligations (rule_id, start_event_id, start_event_type, key, match_value, end_consumer, started_at, deadline, status)
       values ($1, $2, $3, $4, $5, $6, $7, $7::timestamptz + make_interval(secs => $8::double precision / 1000), 'open')
       on conflict (rule_id, start_event_id) do nothing`,
      [o.rule.id, o.startEventId, o.startEventType, o.key, o.matchValue ?? null, endConsumer, o.startedAt, o.rule.withinMs],
    );
    if (o.matchValue === undefined) return [];
    const { rows } = await this.store.query<{ event_id: string; occurred_at: Date }>(
      'select event_id, occurred_at from sla_end_events where rule_id = $1 and match_value = $2 order by occurred_at limit 1',
      [o.rule.id, o.matchValue],
    );
    const first = rows[0];
    return first ? this.complete(o.rule.id, o.matchValue, first.event_id, first.occurred_at) : [];
  }

  /** Records an end event and completes the rule's open obligations with the same match value. */
  async recordEnd(ruleId: string, matchValue: string, eventId: string, occurredAt: Date): Promise<SlaTransition[]> {
    await this.store.query(
      'insert into sla_end_events (rule_id, match_value, event_id, occurred_at) values ($1, $2, $3, $4) on conflict do nothing',
      [ruleId, matchValue, eventId, occurredAt],
    );
    return this.complete(ruleId, matchValue, eventId, occurredAt);
  }

  private async complete(ruleId: string, matchValue: string, eventId: string, at: Date): Promise<SlaTransition[]> {
    const { rows } = await this.store.query<{ rule_id: string; status: SlaTransition['status']; was_missed: boolean }>(
      `update sla_obligations o
          set completed_at = $3, completed_by = $4, status = case when $3 <= o.deadline then 'met' else 'late' end,
              missed = o.missed or $3 > o.deadline
         from (select rule_id, start_event_id, missed as was_missed from sla_obligations
                where rule_id = $1 and match_value = $2 and status in ('open', 'breached') for update) prev
        where o.rule_id = prev.rule_id and o.start_event_id = prev.start_event_id
        returning o.rule_id, o.status, prev.was_missed`,
      [ruleId, matchValue, at, eventId],
    );
    return transitions(rows);
  }

  /**
   * One sweep: completes consumer-effect obligations whose effect is done (at its done time),
   * then marks open obligations past their deadline as breached. Only the given rules: a
   * monitor never judges rules it was not configured with. Safe to run from several
   * instances at once: each change happens in one statement.
   */
  async sweep(ruleIds: string[], now = new Date()): Promise<SlaTransition[]> {
    const done = await this.store.query<{ rule_id: string; status: SlaTransition['status']; was_missed: boolean }>(
      `update sla_obligations o
          set completed_at = e.done_at, completed_by = e.consumer, status = case when e.done_at <= o.deadline then 'met' else 'late' end,
              missed = o.missed or e.done_at > o.deadline
         from consumer_effects e,
              (select rule_id, start_event_id, missed as was_missed from sla_obligations
                where rule_id = any($1::text[]) and end_consumer is not null and status in ('open', 'breached') for update) prev
        where o.rule_id = prev.rule_id and o.start_event_id = prev.start_event_id
          and e.consumer = o.end_consumer and e.event_id = o.start_event_id and e.state = 'done'
        returning o.rule_id, o.status, prev.was_missed`,
      [ruleIds],
    );
    const breached = await this.store.query<{ rule_id: string; status: SlaTransition['status']; was_missed: boolean }>(
      `update sla_obligations set status = 'breached', missed = true
        where rule_id = any($1::text[]) and status = 'open' and deadline < $2
        returning rule_id, status, false as was_missed`,
      [ruleIds, now],
    );
    return [...transitions(done.rows), ...transitions(breached.rows)];
  }

  /** Obligations of the configured (active) rules that missed their deadline, newest start first (default both statuses, at most 100). */
  async breaches(opts: { status?: 'breached' | 'late'; limit?: number } = {}): Promise<SlaBreach[]> {
    const { rows } = await this.store.query<{
      rule_id: string; description: string; key: string; start_event_id: string; start_event_type: string;
      started_at: Date; deadline: Date; completed_at: Date | null; status: 'breached' | 'late';
    }>(
      `select o.rule_id, r.description, o.key, o.start_event_id, o.start_event_type, o.started_at, o.deadline, o.completed_at, o.status
         from sla_obligations o join sla_rules r on r.rule_id = o.rule_id and r.active
        where o.status = any($1::text[])
        order by o.started_at desc, o.start_event_id
        limit $2`,
      [opts.status ? [opts.status] : ['breached', 'late'], opts.limit ?? 100],
    );
    return rows.map((r) => ({
      ruleId: r.rule_id,
      description: r.description,
      key: r.key,
      startEventId: r.start_event_id,
      startEventType: r.start_event_type,
      startedAt: r.started_at,
      deadline: r.deadline,
      ...(r.completed_at ? { completedAt: r.completed_at } : {}),
      status: r.status,
    }));
  }

  /** Counts per configured (active) rule. */
  async summary(): Promise<SlaSummary[]> {
    const { rows } = await this.store.query<{ rule_id: string; description: string; within: string; open: string; met: string; breached: string; late: string }>(
      `select r.rule_id, r.description, r.within,
              count(*) filter (where o.status = 'open') as open, count(*) filter (where o.status = 'met') as met,
              count(*) filter (where o.status = 'breached') as breached, count(*) filter (where o.status = 'late') as late
         from sla_rules r left join sla_obligations o on o.rule_id = r.rule_id
        where r.active
        group by r.rule_id, r.description, r.within
        order by r.rule_id`,
    );
    return rows.map((r) => ({ ruleId: r.rule_id, description: r.description, within: r.within, open: Number(r.open), met: Number(r.met), breached: Number(r.breached), late: Number(r.late) }));
  }
}
