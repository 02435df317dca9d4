-- shipment_carrier: one row per shipment with the carrier it moves with.
-- carrier_code = payload_carrier_code of the shipment's latest ShipmentPlanned (by occurred_at);
-- without a plan, the latest non-null envelope carrier_code any of its events carried.
CREATE OR REPLACE VIEW shipment_carrier AS
WITH planned AS (
  SELECT shipment_id, arg_max(payload_carrier_code, occurred_at) AS carrier_code
  FROM events_shipment_planned
  WHERE shipment_id IS NOT NULL
  GROUP BY shipment_id
), seen AS (
  SELECT shipment_id, arg_max(carrier_code, occurred_at) AS carrier_code
  FROM all_events
  WHERE shipment_id IS NOT NULL AND carrier_code IS NOT NULL
  GROUP BY shipment_id
)
SELECT coalesce(p.shipment_id, s.shipment_id) AS shipment_id,
       coalesce(p.carrier_code, s.carrier_code) AS carrier_code
FROM planned p
FULL OUTER JOIN seen s ON s.shipment_id = p.shipment_id;
