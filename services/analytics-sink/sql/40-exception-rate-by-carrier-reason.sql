-- exception_rate_by_carrier_reason: delivery exceptions per carrier and reason.
-- exceptions         = DeliveryException events.
-- shipments_affected = distinct shipments with at least one exception of that reason.
-- exception_rate     = shipments_affected / the carrier's dispatched shipments (distinct
--                      shipments with a ShipmentDispatched); NULL when none was dispatched.
-- The carrier is the shipment's (shipment_carrier), else the exception's envelope carrier_code.
CREATE OR REPLACE VIEW exception_rate_by_carrier_reason AS
WITH dispatched AS (
  SELECT coalesce(sc.carrier_code, 'UNKNOWN') AS carrier_code, count(DISTINCT d.shipment_id) AS dispatched_shipments
  FROM events_shipment_dispatched d
  LEFT JOIN shipment_carrier sc ON sc.shipment_id = d.shipment_id
  WHERE d.shipment_id IS NOT NULL
  GROUP BY ALL
), exceptions AS (
  SELECT coalesce(sc.carrier_code, x.carrier_code, 'UNKNOWN') AS carrier_code,
         x.reason,
         count(*) AS exceptions,
         count(DISTINCT x.shipment_id) AS shipments_affected
  FROM events_delivery_exception x
  LEFT JOIN shipment_carrier sc ON sc.shipment_id = x.shipment_id
  GROUP BY ALL
)
SELECT e.carrier_code,
       e.reason,
       e.exceptions,
       e.shipments_affected,
       coalesce(d.dispatched_shipments, 0) AS dispatched_shipments,
       e.shipments_affected / nullif(d.dispatched_shipments, 0) AS exception_rate
FROM exceptions e
LEFT JOIN dispatched d ON d.carrier_code = e.carrier_code;
