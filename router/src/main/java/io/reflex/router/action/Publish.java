package io.reflex.router.action;

import io.reflex.eventlog.CloudEventRecords;

/**
 * Publishes the matching event to a Kafka topic in the CloudEvents Kafka binding (the sink). A rule that matches
 * output events (anomalies, derived events) publishes those; in durable mode the router commits the cause only after
 * the broker confirmed the write.
 */
public record Publish(String topic, CloudEventRecords.Mode mode) implements Action {
}
