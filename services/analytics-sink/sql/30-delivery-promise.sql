-- delivery_promise: per delivered shipment, what was promised and whether delivery kept it.
-- delivered_at        = delivered_at of the first ProofOfDeliveryReceived.
-- planned_delivery_at = planned_delivery_at of the latest ShipmentPlanned (by occurred_at).
-- latest_eta          = new_eta of the latest EtaUpdated that occurred at or before delivery.
-- promised_at         = latest_eta when there is one, else planned_delivery_at.
-- on_time             = delivered_at <= promised_at (NULL without any promise).
-- on_time_vs_plan     = delivered_at <= planned_delivery_at (the original plan, ignoring ETA changes).
CREATE OR REPLACE VIEW delivery_promise AS
WITH delivered AS (
  SELECT shipment_id, min(delivered_at) AS delivered_at
  FROM events_proof_of_delivery_received
  WHERE shipment_id IS NOT NULL
  GROUP BY shipment_id
), planned AS (
  SELECT shipment_id, arg_max(planned_delivery_at, occurred_at) AS planned_delivery_at
  FROM events_shipment_planned
  WHERE shipment_id IS NOT NULL
  GROUP BY shipment_id
), eta AS (
  SELECT e.shipment_id, arg_max(e.new_eta, e.occurred_at) AS latest_eta
  FROM events_eta_updated e
  JOIN delivered d ON d.shipment_id = e.shipment_id AND e.occurred_at <= d.delivered_at
  GROUP BY e.shipment_id
)
SELECT d.shipment_id,
       sc.carrier_code,
       p.planned_delivery_at,
       eta.latest_eta,
       coalesce(eta.latest_eta, p.planned_delivery_at) AS promised_at,
       d.delivered_at,
       d.delivered_at <= coalesce(eta.latest_eta, p.planned_delivery_at) AS on_time,
       d.delivered_at <= p.planned_delivery_at AS on_time_vs_plan
FROM delivered d
LEFT JOIN planned p ON p.shipment_id = d.shipment_id
LEFT JOIN eta ON eta.shipment_id = d.shipment_id
LEFT JOIN shipment_carrier sc ON sc.shipment_id = d.shipment_id;
