package io.reflex.common.event;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Ids of output events. They are name-based UUIDs of what produced the output and the identity of its cause, so
 * processing the same cause again (a retry, a replay) yields the same id and downstream deduplication recognises it.
 */
public final class EventIds {

  private EventIds() {
  }

  /** @param producer what made the output, e.g. a rule id or {@code anomaly.scored} */
  public static String derived(String producer, CloudEvent cause) {
    return UUID.nameUUIDFromBytes((producer + '\u0000' + cause.identity()).getBytes(StandardCharsets.UTF_8)).toString();
  }
}
