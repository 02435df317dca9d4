-- on_time_delivery_by_carrier: on-time delivery rate per carrier (see delivery_promise).
-- on_time_rate         = on-time shipments / delivered shipments that had a promise.
-- on_time_vs_plan_rate = shipments delivered by the original plan / delivered shipments that had a plan.
-- Shipments without a known carrier count under 'UNKNOWN'.
CREATE OR REPLACE VIEW on_time_delivery_by_carrier AS
SELECT coalesce(carrier_code, 'UNKNOWN') AS carrier_code,
       count(*) AS delivered_shipments,
       count(promised_at) AS with_promise,
       count(*) FILTER (WHERE on_time) AS on_time_shipments,
       count(*) FILTER (WHERE on_time) / nullif(count(promised_at), 0) AS on_time_rate,
       count(*) FILTER (WHERE on_time_vs_plan) AS on_time_vs_plan_shipments,
       count(*) FILTER (WHERE on_time_vs_plan) / nullif(count(planned_delivery_at), 0) AS on_time_vs_plan_rate
FROM delivery_promise
GROUP BY ALL;
