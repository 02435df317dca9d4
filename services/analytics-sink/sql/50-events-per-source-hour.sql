-- events_per_source_hour: how many events each source system delivered per hour (UTC).
-- hour = recorded_at truncated to the hour: when the backbone recorded the event, so a
-- silent or bursting source shows up in the hour it happened at the backbone.
CREATE OR REPLACE VIEW events_per_source_hour AS
SELECT date_trunc('hour', recorded_at) AS hour,
       source_kind,
       source_system,
       count(*) AS events,
       count(DISTINCT event_type) AS event_types
FROM all_events
GROUP BY ALL;
