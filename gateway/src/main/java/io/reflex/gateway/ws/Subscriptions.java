package io.reflex.gateway.ws;

import io.reflex.common.event.CloudEvent;
import io.reflex.common.pattern.PatternMatcher;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subscriptions of every connection on this gateway, compiled into one matcher so each output
 * event is matched once, however many clients listen. Changes rebuild the matcher (event-ruler
 * deletes are fragile); subscriptions change far less often than events arrive.
 */
final class Subscriptions {

  private final Map<SubscriptionKey, String> patterns = new LinkedHashMap<>();
  private PatternMatcher<SubscriptionKey> matcher = new PatternMatcher<>();

  boolean contains(SubscriptionKey key) {
    return patterns.containsKey(key);
  }

  String pattern(SubscriptionKey key) {
    return patterns.get(key);
  }

  void add(SubscriptionKey key, String pattern) {
    patterns.put(key, pattern);
    matcher.add(key, pattern);
  }

  boolean remove(SubscriptionKey key) {
    if (patterns.remove(key) == null) {
      return false;
    }
    rebuild();
    return true;
  }

  void removeConnection(long connection) {
    if (patterns.keySet().removeIf(key -> key.connection() == connection)) {
      rebuild();
    }
  }

  List<SubscriptionKey> match(CloudEvent event) {
    return matcher.isEmpty() ? List.of() : matcher.match(event);
  }

  /** False when no subscription can match an output of this type (see PatternMatcher). */
  boolean mayMatchType(String type) {
    return matcher.mayMatchType(type);
  }

  int size() {
    return patterns.size();
  }

  private void rebuild() {
    PatternMatcher<SubscriptionKey> fresh = new PatternMatcher<>();
    patterns.forEach(fresh::add);
    matcher = fresh;
  }
}
