package io.reflex.router.rules;

import io.reflex.eventlog.Topics;
import io.reflex.router.action.PublishRetry;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Set;

/**
 * Reads a publish action's {@code retry: {attempts, backoffMs, maxBackoffMs}} and {@code
 * deadLetter: topic}.
 */
final class PublishRetries {

  private static final Set<String> FIELDS = Set.of("attempts", "backoffMs", "maxBackoffMs");

  private PublishRetries() {}

  /** The policy, or null after adding the errors. */
  static PublishRetry parse(String rule, String field, JsonObject publish, List<RuleError> errors) {
    Object deadLetter = publish.getValue("deadLetter", PublishRetry.DEAD_LETTER);
    if (!(deadLetter instanceof String topic) || !Topics.isValidName(topic)) {
      errors.add(
          new RuleError(
              rule,
              field + ".deadLetter",
              "a Kafka topic name (letters, digits, '.', '_', '-', at"
                  + " most 249 characters), was "
                  + deadLetter));
      return null;
    }
    Object value = publish.getValue("retry", new JsonObject());
    if (!(value instanceof JsonObject retry)) {
      errors.add(
          new RuleError(
              rule, field + ".retry", "a mapping with attempts, backoffMs, maxBackoffMs"));
      return null;
    }
    for (String key : retry.fieldNames()) {
      if (!FIELDS.contains(key)) {
        errors.add(
            new RuleError(
                rule,
                field + ".retry." + key,
                "unknown field; retry has attempts, backoffMs, " + "maxBackoffMs"));
        return null;
      }
    }
    Long attempts =
        positive(
            rule,
            field + ".retry.attempts",
            retry.getValue("attempts", PublishRetry.ATTEMPTS),
            100,
            errors);
    Long backoff =
        positive(
            rule,
            field + ".retry.backoffMs",
            retry.getValue("backoffMs", PublishRetry.BACKOFF_MS),
            60_000,
            errors);
    Long max =
        positive(
            rule,
            field + ".retry.maxBackoffMs",
            retry.getValue("maxBackoffMs", PublishRetry.MAX_BACKOFF_MS),
            600_000,
            errors);
    if (attempts == null || backoff == null || max == null) {
      return null;
    }
    if (max < backoff) {
      errors.add(
          new RuleError(
              rule,
              field + ".retry.maxBackoffMs",
              "must be at least backoffMs (" + backoff + "), was " + max));
      return null;
    }
    return new PublishRetry(attempts.intValue(), backoff, max, topic);
  }

  private static Long positive(
      String rule, String field, Object value, long most, List<RuleError> errors) {
    if (value instanceof Integer || value instanceof Long) {
      long number = ((Number) value).longValue();
      if (number >= 1 && number <= most) {
        return number;
      }
    }
    errors.add(new RuleError(rule, field, "a whole number from 1 to " + most + ", was " + value));
    return null;
  }
}
