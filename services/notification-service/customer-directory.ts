import type { StateStore } from '../platform/state/state-store.ts';

const ddl = `
create table if not exists notification_customers (
  ref_kind             text        not null check (ref_kind in ('shipment', 'order')),
  ref                  text        not null,
  customer_id          text        not null,
  planned_delivery_at  timestamptz,
  linked_at            timestamptz not null,
  event_id             text        not null,
  primary key (ref_kind, ref)
);`;

/** Who a shipment belongs to, and its planned delivery when known. */
export interface ShipmentCustomer {
  customerId: string;
  plannedDeliveryAt: Date | null;
}

/**
 * Shipment events carry no customer id; OrderReleased (order → customer) and ShipmentPlanned
 * (shipment → customer, with its planned delivery) do. This table (`notification_customers`)
 * remembers both links, so a later shipment event finds its customer by shipment id, or by its
 * envelope's order id when the shipment's plan was not seen.
 */
export class CustomerDirectory {
  private constructor(private readonly store: StateStore) {}

  static async open(store: StateStore): Promise<CustomerDirectory> {
    await store.migrate('notification_customers', ddl);
    return new CustomerDirectory(store);
  }

  private async link(kind: 'shipment' | 'order', ref: string, customerId: string, plannedDeliveryAt: Date | null, at: Date, eventId: string): Promise<void> {
    // A re-plan replaces the link; an older event arriving late (replay of another partition) does not.
    await this.store.query(
      `insert into notification_customers (ref_kind, ref, customer_id, planned_delivery_at, linked_at, event_id) values ($1, $2, $3, $4, $5, $6)
       on conflict (ref_kind, ref) do update set customer_id = excluded.customer_id,
         planned_delivery_at = coalesce(excluded.planned_delivery_at, notification_customers.planned_delivery_at),
         linked_at = excluded.linked_at, event_id = excluded.event_id
       where notification_customers.linked_at <= excluded.linked_at`,
      [kind, ref, customerId, plannedDeliveryAt, at, eventId],
    );
  }

  /** From OrderReleased: the order's customer. */
  async linkOrder(orderId: string, customerId: string, at: Date, eventId: string): Promise<void> {
    await this.link('order', orderId, customerId, null, at, eventId);
  }

  /** From ShipmentPlanned: the shipment's customer and planned delivery, and its orders' customer. */
  async linkShipment(shipmentId: string, customerId: string, plannedDeliveryAt: Date, orderIds: string[], at: Date, eventId: string): Promise<void> {
    await this.link('shipment', shipmentId, customerId, plannedDeliveryAt, at, eventId);
    for (const orderId of orderIds) await this.link('order', orderId, customerId, null, at, eventId);
  }

  /** The shipment's customer (by shipment, else by order), or undefined when neither link is known. */
  async customerOf(shipmentId: string, orderId: string | null): Promise<ShipmentCustomer | undefined> {
    const { rows } = await this.store.query<{ ref_kind: string; customer_id: string; planned_delivery_at: Date | null }>(
      `select ref_kind, customer_id, planned_delivery_at from notification_customers
       where (ref_kind = 'shipment' and ref = $1) or (ref_kind = 'order' and ref = $2)
       order by ref_kind desc`,
      [shipmentId, orderId],
    );
    const row = rows[0];
    return row ? { customerId: row.customer_id, plannedDeliveryAt: rows.find((r) => r.ref_kind === 'shipment')?.planned_delivery_at ?? null } : undefined;
  }
}
