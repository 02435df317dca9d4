-- event_freshness: delay between the business event and the backbone recording it,
-- freshness = recorded_at - occurred_at in seconds, per event type and source.
-- Negative values mean the source's clock runs ahead.
CREATE OR REPLACE VIEW event_freshness AS
SELECT event_type,
       source_kind,
       source_system,
       count(*) AS events,
       avg(freshness_seconds) AS avg_seconds,
       quantile_cont(freshness_seconds, 0.5) AS p50_seconds,
       quantile_cont(freshness_seconds, 0.95) AS p95_seconds,
       min(freshness_seconds) AS min_seconds,
       max(freshness_seconds) AS max_seconds
FROM (
  SELECT *, (epoch_ms(recorded_at) - epoch_ms(occurred_at)) / 1000.0 AS freshness_seconds
  FROM all_events
)
GROUP BY ALL;
