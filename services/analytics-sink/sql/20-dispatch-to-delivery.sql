-- dispatch_to_delivery: transit time per delivered shipment.
-- dispatched_at = occurred_at of the shipment's first ShipmentDispatched.
-- delivered_at  = delivered_at (the carrier's delivery time) of its first ProofOfDeliveryReceived.
CREATE OR REPLACE VIEW dispatch_to_delivery AS
WITH dispatched AS (
  SELECT shipment_id, min(occurred_at) AS dispatched_at
  FROM events_shipment_dispatched
  WHERE shipment_id IS NOT NULL
  GROUP BY shipment_id
), delivered AS (
  SELECT shipment_id, min(delivered_at) AS delivered_at
  FROM events_proof_of_delivery_received
  WHERE shipment_id IS NOT NULL
  GROUP BY shipment_id
)
SELECT d.shipment_id,
       sc.carrier_code,
       d.dispatched_at,
       v.delivered_at,
       v.delivered_at - d.dispatched_at AS transit_time,
       (epoch_ms(v.delivered_at) - epoch_ms(d.dispatched_at)) / 3600000.0 AS transit_hours
FROM dispatched d
JOIN delivered v ON v.shipment_id = d.shipment_id
LEFT JOIN shipment_carrier sc ON sc.shipment_id = d.shipment_id;
