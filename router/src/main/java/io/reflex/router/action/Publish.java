package io.reflex.router.action;

import io.reflex.eventlog.CloudEventRecords;

/**
 * Publishes the matching event to a Kafka topic in the CloudEvents Kafka binding (the sink). A rule
 * that matches output events (anomalies, derived events) publishes those; in durable mode the
 * router commits the cause only after the broker confirmed the write, or after the record went to
 * the dead-letter topic ({@link PublishRetry}).
 */
public record Publish(String topic, CloudEventRecords.Mode mode, PublishRetry retry)
    implements Action {}
