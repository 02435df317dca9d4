-- order_to_dispatch: order-to-dispatch cycle time, one row per (order, shipment) pair.
-- released_at   = occurred_at of the order's first OrderReleased.
-- dispatched_at = occurred_at of the shipment's first ShipmentDispatched.
-- A shipment carries an order when its ShipmentDispatched envelope names the order (order_id)
-- or its ShipmentPlanned lists it (order_ids). Orders not yet dispatched have no row.
CREATE OR REPLACE VIEW order_to_dispatch AS
WITH released AS (
  SELECT order_id, min(occurred_at) AS released_at, arg_min(warehouse_id, occurred_at) AS warehouse_id
  FROM events_order_released
  WHERE order_id IS NOT NULL
  GROUP BY order_id
), dispatched AS (
  SELECT shipment_id, min(occurred_at) AS dispatched_at
  FROM events_shipment_dispatched
  WHERE shipment_id IS NOT NULL
  GROUP BY shipment_id
), carried AS (
  SELECT shipment_id, order_id FROM events_shipment_dispatched WHERE shipment_id IS NOT NULL AND order_id IS NOT NULL
  UNION
  SELECT shipment_id, unnest(order_ids) AS order_id FROM events_shipment_planned WHERE shipment_id IS NOT NULL
)
SELECT c.order_id,
       c.shipment_id,
       r.warehouse_id,
       sc.carrier_code,
       r.released_at,
       d.dispatched_at,
       d.dispatched_at - r.released_at AS cycle_time,
       (epoch_ms(d.dispatched_at) - epoch_ms(r.released_at)) / 3600000.0 AS cycle_hours
FROM carried c
JOIN released r ON r.order_id = c.order_id
JOIN dispatched d ON d.shipment_id = c.shipment_id
LEFT JOIN shipment_carrier sc ON sc.shipment_id = c.shipment_id;
