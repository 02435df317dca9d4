import type { StateStore } from '../platform/state/state-store.ts';

const ddl = `
create table if not exists crm_cases (
  case_key            text        primary key,
  shipment_id         text        not null,
  case_type           text        not null,
  case_id             text        not null,
  status              text        not null check (status in ('open', 'closed')),
  opened_by_event_id  text        not null,
  last_event_id       text        not null,
  updated_at          timestamptz not null default now(),
  closed_at           timestamptz,
  closed_by_event_id  text
);
create index if not exists crm_cases_open_by_shipment on crm_cases (shipment_id) where status = 'open';
create table if not exists crm_shipment_plans (
  shipment_id          text        primary key,
  planned_delivery_at  timestamptz not null,
  planned_at           timestamptz not null,
  event_id             text        not null
);`;

/** A case the CRM consumer opened, as remembered in the state store. */
export interface CrmCaseRow {
  caseKey: string;
  shipmentId: string;
  caseType: string;
  caseId: string;
  status: 'open' | 'closed';
  lastEventId: string;
}

/**
 * The CRM consumer's own tables in the shared state store: which CRM case id belongs to which
 * shipment and problem (`crm_cases`, so a proof of delivery can close them), and each shipment's
 * planned delivery time (`crm_shipment_plans`, the baseline of the late-ETA rule).
 */
export class CrmCaseStore {
  private constructor(private readonly store: StateStore) {}

  static async open(store: StateStore): Promise<CrmCaseStore> {
    await store.migrate('crm_cases', ddl);
    return new CrmCaseStore(store);
  }

  /** Remembers the case the CRM answered for a key; a new case id for a key (reopened after closing) replaces the old one. */
  async recordCase(c: { caseKey: string; shipmentId: string; caseType: string; caseId: string; eventId: string }): Promise<void> {
    await this.store.query(
      `insert into crm_cases (case_key, shipment_id, case_type, case_id, status, opened_by_event_id, last_event_id)
       values ($1, $2, $3, $4, 'open', $5, $5)
       on conflict (case_key) do update set
         opened_by_event_id = case when crm_cases.case_id = excluded.case_id then crm_cases.opened_by_event_id else excluded.opened_by_event_id end,
         case_id = excluded.case_id, status = 'open', last_event_id = excluded.last_event_id,
         updated_at = now(), closed_at = null, closed_by_event_id = null`,
      [c.caseKey, c.shipmentId, c.caseType, c.caseId, c.eventId],
    );
  }

  private async select(where: string, values: unknown[], order: string): Promise<CrmCaseRow[]> {
    const { rows } = await this.store.query<{ case_key: string; shipment_id: string; case_type: string; case_id: string; status: 'open' | 'closed'; last_event_id: string }>(
      `select case_key, shipment_id, case_type, case_id, status, last_event_id from crm_cases where ${where} order by ${order}`,
      values,
    );
    return rows.map((r) => ({ caseKey: r.case_key, shipmentId: r.shipment_id, caseType: r.case_type, caseId: r.case_id, status: r.status, lastEventId: r.last_event_id }));
  }

  /** The shipment's open cases, oldest first. */
  async openCases(shipmentId: string): Promise<CrmCaseRow[]> {
    return this.select(`shipment_id = $1 and status = 'open'`, [shipmentId], 'updated_at, case_key');
  }

  /** All cases remembered for a shipment (open and closed), for tests and operators. */
  async casesOf(shipmentId: string): Promise<CrmCaseRow[]> {
    return this.select('shipment_id = $1', [shipmentId], 'case_key');
  }

  /** Marks a case closed by a proof-of-delivery event. */
  async markClosed(caseKey: string, caseId: string, eventId: string): Promise<void> {
    await this.store.query(
      `update crm_cases set status = 'closed', closed_at = now(), closed_by_event_id = $3, updated_at = now()
       where case_key = $1 and case_id = $2`,
      [caseKey, caseId, eventId],
    );
  }

  /** Stores the planned delivery time of a shipment; an older plan arriving late never replaces a newer one. */
  async recordPlan(shipmentId: string, plannedDeliveryAt: Date, plannedAt: Date, eventId: string): Promise<void> {
    await this.store.query(
      `insert into crm_shipment_plans (shipment_id, planned_delivery_at, planned_at, event_id) values ($1, $2, $3, $4)
       on conflict (shipment_id) do update set planned_delivery_at = excluded.planned_delivery_at, planned_at = excluded.planned_at, event_id = excluded.event_id
       where crm_shipment_plans.planned_at <= excluded.planned_at`,
      [shipmentId, plannedDeliveryAt, plannedAt, eventId],
    );
  }

  /** The planned delivery time of a shipment, or null when no ShipmentPlanned was seen. */
  async plannedDelivery(shipmentId: string): Promise<Date | null> {
    const { rows } = await this.store.query<{ planned_delivery_at: Date }>('select planned_delivery_at from crm_shipment_plans where shipment_id = $1', [shipmentId]);
    return rows[0]?.planned_delivery_at ?? null;
  }
}
