package io.reflex.common.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.GenericMachine;

/**
 * The matcher hands event-ruler only the fields its patterns read. Random patterns (nesting, $or,
 * exists, anything-but, numeric, prefix, dotted names) against random events (arrays of objects,
 * dotted keys, nulls): the matcher must agree with event-ruler reading the whole event text.
 */
class PatternMatcherPruningTest {

  private static final String[] NAMES = {"type", "a", "b", "c", "a.b", "x"};
  private static final Object[] VALUES = {"s", "t", "st", 1, 2.5, -3, true, null};

  @Test
  @DisplayName("matching the fields the patterns read agrees with event-ruler on the whole event")
  void agreesWithWholeEvents() throws Exception {
    Random random = new Random(20261204);
    int compared = 0;
    int matched = 0;
    for (int round = 0; round < 400; round++) {
      PatternMatcher<String> matcher = new PatternMatcher<>();
      GenericMachine<String> whole = GenericMachine.<String>builder().build();
      for (int p = 0; p < 1 + random.nextInt(4); p++) {
        String pattern = pattern(random, 0).encode();
        if (PatternMatcher.check(pattern) == null) {
          matcher.add("p" + p, pattern);
          whole.addRule("p" + p, pattern);
        }
      }
      for (int e = 0; e < 25; e++) {
        JsonObject event = object(random, 0).put("type", random.nextBoolean() ? "s" : "t");
        List<String> expected = whole.rulesForJSONEvent(event.encode());
        List<String> actual = matcher.match(CloudEvent.wrap(event));
        assertThat(new HashSet<>(actual))
            .as("event %s against %s", event.encode(), matcher.size())
            .isEqualTo(new HashSet<>(expected));
        compared++;
        matched += expected.isEmpty() ? 0 : 1;
      }
    }
    // The random cases must exercise matches as well as misses.
    assertThat(matched).isBetween(compared / 20, compared - compared / 20);
  }

  private static JsonObject pattern(Random random, int depth) {
    JsonObject pattern = new JsonObject();
    int fields = 1 + random.nextInt(2);
    for (int i = 0; i < fields; i++) {
      String name = NAMES[random.nextInt(NAMES.length)];
      int kind = random.nextInt(10);
      if (kind == 0 && depth < 2) {
        pattern.put(name, pattern(random, depth + 1));
      } else if (kind == 1 && depth < 2) {
        pattern.put("$or", new JsonArray().add(pattern(random, depth + 1)).add(pattern(random, 2)));
      } else {
        pattern.put(name, new JsonArray().add(condition(random)));
      }
    }
    return pattern;
  }

  private static Object condition(Random random) {
    return switch (random.nextInt(7)) {
      case 0 -> new JsonObject().put("exists", random.nextBoolean());
      case 1 -> new JsonObject().put("prefix", "s");
      case 2 -> new JsonObject().put("numeric", new JsonArray().add(">").add(0));
      case 3 -> new JsonObject().put("anything-but", "s");
      default -> VALUES[random.nextInt(VALUES.length)];
    };
  }

  private static JsonObject object(Random random, int depth) {
    JsonObject object = new JsonObject();
    int fields = random.nextInt(4);
    for (int i = 0; i < fields; i++) {
      object.put(NAMES[random.nextInt(NAMES.length)], value(random, depth));
    }
    return object;
  }

  private static Object value(Random random, int depth) {
    int kind = random.nextInt(depth < 2 ? 6 : 4);
    if (kind == 4) {
      return object(random, depth + 1);
    } else if (kind == 5) {
      List<Object> elements = new ArrayList<>();
      for (int i = random.nextInt(3); i >= 0; i--) {
        elements.add(random.nextBoolean() ? object(random, depth + 1) : value(random, 2));
      }
      return new JsonArray(elements);
    }
    return VALUES[random.nextInt(VALUES.length)];
  }
}
