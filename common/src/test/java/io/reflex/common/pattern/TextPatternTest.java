package io.reflex.common.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
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
 * Patterns of exact strings and prefixes are tested against the event's fields without event-ruler.
 * Random patterns of that kind (nesting, dotted names, several values, mixed with patterns of other
 * kinds) against random events (strings, numbers, nulls, arrays, dotted keys, nested objects): the
 * matcher must agree with event-ruler reading the whole event text.
 */
class TextPatternTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] NAMES = {"a", "b", "subject", "a.b", "b.a"};
  private static final String[] TEXTS = {"s", "st", "t", "ts", ""};

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
      for (int p = 0; p < 1 + random.nextInt(6); p++) {
        String pattern = pattern(random).encode();
        if (PatternMatcher.check(pattern) == null) {
          matcher.add("p" + p, pattern);
          whole.addRule("p" + p, pattern);
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
            .as("event %s", event.encode())
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

    assertThat(TextPattern.of("p", JSON.readTree("{\"type\":[\"x\"]}"))).isNull();
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
      String name = NAMES[random.nextInt(NAMES.length)];
      if (random.nextInt(5) == 0) {
        pattern.put(name, new JsonObject().put(NAMES[random.nextInt(2)], values(random)));
      } else {
        pattern.put(name, values(random));
      }
    }
    return pattern;
  }

  private static JsonArray values(Random random) {
    JsonArray values = new JsonArray();
    for (int v = random.nextInt(2); v >= 0; v--) {
      int kind = random.nextInt(12);
      if (kind < 6) {
        values.add(TEXTS[random.nextInt(TEXTS.length)]);
      } else if (kind < 10) {
        values.add(new JsonObject().put("prefix", TEXTS[random.nextInt(TEXTS.length)]));
      } else if (kind == 10) {
        values.add(new JsonObject().put("exists", true));
      } else {
        values.add(1);
      }
    }
    return values;
  }

  private static JsonObject object(Random random, int depth) {
    JsonObject object = new JsonObject();
    for (String name : NAMES) {
      // Keys with a dot are rarer in events than in patterns: each one leaves a test unsure.
      if (random.nextInt(name.contains(".") ? 8 : 3) < 2) {
        object.put(name, value(random, depth));
      }
    }
    return object;
  }

  private static Object value(Random random, int depth) {
    int kind = random.nextInt(depth < 2 ? 14 : 11);
    if (kind < 8) {
      return TEXTS[random.nextInt(3)];
    } else if (kind == 8) {
      return 1;
    } else if (kind == 9) {
      return null;
    } else if (kind == 10) {
      return true;
    } else if (kind < 13) {
      return object(random, depth + 1);
    }
    List<Object> elements = new ArrayList<>();
    for (int i = random.nextInt(3); i >= 0; i--) {
      elements.add(random.nextBoolean() ? object(random, depth + 1) : value(random, 2));
    }
    return new JsonArray(elements);
  }
}
