package io.reflex.common.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.reflex.common.event.CloudEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.GenericMachine;

/**
 * Patterns of exact strings, prefixes and numeric ranges are tested against the event's fields
 * without event-ruler. Random patterns of that kind (nesting, dotted names, several values, mixed
 * with patterns of other kinds) against random events (strings, integers, doubles, a float, a
 * 60-bit long, nulls, arrays, dotted keys, nested objects): the matcher must agree with event-ruler
 * reading the whole event text.
 */
class TextPatternTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] NAMES = {"a", "b", "subject", "a.b", "b.a"};

  /**
   * Numeric ranges go on fields of their own. event-ruler 2.1.0 cannot judge patterns that ask for
   * strings and numbers at one field: built with {@code {"a":["t",{"numeric":["<=",0]}]}} and
   * {@code {"a":["t"],"b":["st"]}}, a machine misses the first for the event {@code {"a":"t"}}
   * about half the times it is built (five rules mixing the two on {@code a.b} do the same).
   */
  private static final String[] NUMERIC_NAMES = {"n", "c.n"};

  private static final String[] EVENT_NAMES = {"a", "b", "subject", "a.b", "b.a", "n", "c", "c.n"};
  private static final String[] TEXTS = {"s", "st", "t", "ts", "", "1"};
  private static final JsonArray[] RANGES = {
    new JsonArray().add(">").add(1),
    new JsonArray().add(">=").add(1).add("<").add(3),
    new JsonArray().add("=").add(2.5),
    new JsonArray().add("<=").add(0),
    new JsonArray().add(">").add(-0.0).add("<=").add(90.5),
    new JsonArray().add("<").add(1e300),
  };

  /** Numbers event-ruler compares as doubles, and some it does not (a float, a 60-bit long). */
  private static final Object[] NUMBERS = {
    1, 95, -3, 2.5, 90.5, 0.0, -0.0, 1e-320, 3L, 1L << 60, 2.5f
  };

  @Test
  @DisplayName(
      "exact strings and prefixes tested directly agree with event-ruler on the whole event")
  void agreesWithWholeEvents() throws Exception {
    Random random = new Random(20261204);
    int compared = 0;
    int matched = 0;
    int[] direct = new int[3];
    for (int round = 0; round < 600; round++) {
      PatternMatcher<String> matcher = new PatternMatcher<>();
      GenericMachine<String> whole = GenericMachine.<String>builder().build();
      List<TextPattern<String>> texts = new ArrayList<>();
      List<String> added = new ArrayList<>();
      for (int p = 0; p < 1 + random.nextInt(6); p++) {
        String pattern = pattern(random).encode();
        if (PatternMatcher.check(pattern) == null) {
          matcher.add("p" + p, pattern);
          whole.addRule("p" + p, pattern);
          added.add("p" + p + " " + pattern);
          TextPattern<String> text = TextPattern.of("p" + p, JSON.readTree(pattern));
          if (text != null) {
            texts.add(text);
          }
        }
      }
      for (int e = 0; e < 25; e++) {
        JsonObject event = object(random, 0).put("type", random.nextBoolean() ? "s" : "t");
        List<String> expected = whole.rulesForJSONEvent(event.encode());
        List<String> actual = matcher.match(CloudEvent.wrap(event));
        assertThat(actual).doesNotHaveDuplicates();
        assertThat(new HashSet<>(actual))
            .as("event %s against %s", event.encode(), added)
            .isEqualTo(new HashSet<>(expected));
        compared++;
        matched += expected.isEmpty() ? 0 : 1;
        for (TextPattern<String> text : texts) {
          direct[text.test(event.getMap())]++;
        }
      }
    }
    // The random cases must exercise matches as well as misses, and each answer of a direct test.
    assertThat(matched).isBetween(compared / 20, compared - compared / 20);
    int tests = direct[0] + direct[1] + direct[2];
    System.out.println(
        "DIRECT " + java.util.Arrays.toString(direct) + " matched " + matched + "/" + compared);
    for (int answers : direct) {
      assertThat(answers).isGreaterThan(tests / 40);
    }
  }

  @Test
  @DisplayName("what a direct test can answer, and what it leaves to event-ruler")
  void directAnswers() throws Exception {
    TextPattern<String> pattern =
        TextPattern.of(
            "p",
            JSON.readTree(
                "{\"type\":[\"x\"],\"subject\":[\"a\",{\"prefix\":\"t/\"}],\"data\":{\"site\":[\"s\"]}}"));
    JsonObject data = new JsonObject().put("site", "s");

    assertThat(pattern.test(new JsonObject().put("subject", "t/1").put("data", data).getMap()))
        .isEqualTo(TextPattern.YES);
    assertThat(pattern.test(new JsonObject().put("subject", "b").put("data", data).getMap()))
        .isEqualTo(TextPattern.NO);
    assertThat(pattern.test(new JsonObject().put("data", data).getMap())).isEqualTo(TextPattern.NO);
    // An array is read element by element, a number is not a string: event-ruler's to answer.
    assertThat(
            pattern.test(
                new JsonObject()
                    .put("subject", new JsonArray().add("a"))
                    .put("data", data)
                    .getMap()))
        .isEqualTo(TextPattern.UNSURE);
    assertThat(
            pattern.test(
                new JsonObject().put("subject", "a").put("data", new JsonArray()).getMap()))
        .isEqualTo(TextPattern.UNSURE);
    // The key "data.site" is the path data.site to event-ruler.
    assertThat(pattern.test(new JsonObject().put("subject", "a").put("data.site", "s").getMap()))
        .isEqualTo(TextPattern.UNSURE);
    // A definite no decides, whatever another field leaves open.
    assertThat(
            pattern.test(
                new JsonObject().put("subject", "b").put("data", new JsonArray()).getMap()))
        .isEqualTo(TextPattern.NO);

    TextPattern<String> hot =
        TextPattern.of(
            "hot",
            JSON.readTree(
                "{\"type\":[\"x\"],\"data\":{\"value\":[{\"numeric\":[\">\",90]}]},\"subject\":[\"a\"]}"));
    for (Object hotter : List.of(95, 95L, 90.5, (double) (1L << 60))) {
      assertThat(hot.test(reading(hotter))).as("%s", hotter).isEqualTo(TextPattern.YES);
    }
    for (Object colder : List.of(90, -3L, 90.0, "95")) {
      assertThat(hot.test(reading(colder))).as("%s", colder).isEqualTo(TextPattern.NO);
    }
    // event-ruler reads a float or a 60-bit long from its text: its own answer.
    for (Object unclear : List.of(95.5f, 1L << 60)) {
      assertThat(hot.test(reading(unclear))).as("%s", unclear).isEqualTo(TextPattern.UNSURE);
    }

    assertThat(TextPattern.of("p", JSON.readTree("{\"type\":[\"x\"]}"))).isNull();
    // Found by a string it asks for: a pattern of numbers only is event-ruler's.
    assertThat(
            TextPattern.of(
                "p", JSON.readTree("{\"type\":[\"x\"],\"n\":[{\"numeric\":[\">\",1]}]}")))
        .isNull();
    assertThat(TextPattern.of("p", JSON.readTree("{\"type\":[\"x\"],\"n\":[1]}"))).isNull();
    assertThat(TextPattern.of("p", JSON.readTree("{\"type\":[\"x\"],\"n\":[{\"prefix\":\"\"}]}")))
        .isNull();
    assertThat(
            TextPattern.of(
                "p", JSON.readTree("{\"type\":[\"x\"],\"a.b\":[\"s\"],\"a\":{\"b\":[\"t\"]}}")))
        .isNull();
  }

  @Test
  @DisplayName(
      "beyond the direct tests' share of a type, its patterns go to event-ruler, same answers")
  void manyPatternsOfOneType() throws Exception {
    PatternMatcher<Integer> matcher = new PatternMatcher<>();
    GenericMachine<Integer> whole = GenericMachine.<Integer>builder().build();
    int count = 300;
    for (int c = 0; c < count; c++) {
      String pattern =
          "{\"type\":[\"iot.overheating\"],\"causationid\":[{\"prefix\":\"c" + c + "-\"}]}";
      matcher.add(c, pattern);
      whole.addRule(c, pattern);
    }
    for (int c = 0; c < count; c += 7) {
      JsonObject event =
          new JsonObject().put("type", "iot.overheating").put("causationid", "c" + c + "-9");
      assertThat(matcher.match(CloudEvent.wrap(event)))
          .containsExactlyInAnyOrderElementsOf(whole.rulesForJSONEvent(event.encode()))
          .isNotEmpty();
    }
  }

  private static Map<String, Object> reading(Object value) {
    return new JsonObject()
        .put("subject", "a")
        .put("data", new JsonObject().put("value", value))
        .getMap();
  }

  /** A pattern naming its types, mostly of strings and prefixes, sometimes of something else. */
  private static JsonObject pattern(Random random) {
    JsonObject pattern =
        new JsonObject()
            .put(
                "type",
                random.nextInt(4) == 0
                    ? new JsonArray().add("s").add("t")
                    : new JsonArray().add("s"));
    int fields = random.nextInt(3) == 0 ? 2 : 1;
    for (int i = 0; i < fields; i++) {
      if (random.nextInt(4) == 0) {
        pattern.put(NUMERIC_NAMES[random.nextInt(NUMERIC_NAMES.length)], ranges(random));
        continue;
      }
      String name = NAMES[random.nextInt(NAMES.length)];
      if (random.nextInt(5) == 0) {
        pattern.put(name, new JsonObject().put(NAMES[random.nextInt(2)], values(random)));
      } else {
        pattern.put(name, values(random));
      }
    }
    return pattern;
  }

  private static JsonArray ranges(Random random) {
    JsonArray ranges = new JsonArray();
    for (int v = random.nextInt(2); v >= 0; v--) {
      ranges.add(new JsonObject().put("numeric", RANGES[random.nextInt(RANGES.length)].copy()));
    }
    return ranges;
  }

  private static JsonArray values(Random random) {
    JsonArray values = new JsonArray();
    for (int v = random.nextInt(2); v >= 0; v--) {
      int kind = random.nextInt(11);
      if (kind < 6) {
        values.add(TEXTS[random.nextInt(TEXTS.length)]);
      } else if (kind < 10) {
        values.add(new JsonObject().put("prefix", TEXTS[random.nextInt(TEXTS.length)]));
      } else {
        values.add(new JsonObject().put("exists", true));
      }
    }
    return values;
  }

  private static JsonObject object(Random random, int depth) {
    JsonObject object = new JsonObject();
    for (String name : EVENT_NAMES) {
      // Keys with a dot are rarer in events than in patterns: each one leaves a test unsure.
      if (random.nextInt(name.contains(".") ? 8 : 3) < 2) {
        object.put(name, value(random, depth));
      }
    }
    return object;
  }

  private static Object value(Random random, int depth) {
    int kind = random.nextInt(depth < 2 ? 15 : 12);
    if (kind < 6) {
      return TEXTS[random.nextInt(3)];
    } else if (kind < 9) {
      return NUMBERS[random.nextInt(NUMBERS.length)];
    } else if (kind == 9) {
      return null;
    } else if (kind == 10) {
      return "1";
    } else if (kind == 11) {
      return true;
    } else if (kind < 14) {
      return object(random, depth + 1);
    }
    List<Object> elements = new ArrayList<>();
    for (int i = random.nextInt(3); i >= 0; i--) {
      elements.add(random.nextBoolean() ? object(random, depth + 1) : value(random, 2));
    }
    return new JsonArray(elements);
  }
}
