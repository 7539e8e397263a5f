-- The W3C trace context of the request that recorded an event, so the relay publishes it inside
-- that trace: one county report is one trace from the gateway to every consumer.
alter table outbox add column trace_parent text;
