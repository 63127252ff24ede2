package io.reflex.router.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.reflex.common.event.CloudEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operator of the EventBridge pattern language, written as a rule in a rules document, parsed
 * and compiled as the router does, with an event that matches and one that does not. Expectations
 * follow the pinned event-ruler (the oracle for "EventBridge compatible").
 */
class OperatorConformanceTest {

  static Stream<Arguments> operators() {
    return Stream.of(
        arguments(
            "exact string",
            "{\"type\":[\"shop.cart\"]}",
            "{\"type\":\"shop.cart\"}",
            "{\"type\":\"shop.carts\"}"),
        arguments(
            "exact number, canonical",
            "{\"data\":{\"n\":[30]}}",
            "{\"data\":{\"n\":3.0e1}}",
            "{\"data\":{\"n\":\"30\"}}"),
        arguments(
            "exact null", "{\"data\":{\"n\":[null]}}", "{\"data\":{\"n\":null}}", "{\"data\":{}}"),
        arguments(
            "exact boolean is not the string",
            "{\"data\":{\"vip\":[true]}}",
            "{\"data\":{\"vip\":true}}",
            "{\"data\":{\"vip\":\"true\"}}"),
        arguments(
            "empty string",
            "{\"data\":{\"note\":[\"\"]}}",
            "{\"data\":{\"note\":\"\"}}",
            "{\"data\":{\"note\":\" \"}}"),
        arguments(
            "prefix",
            "{\"subject\":[{\"prefix\":\"temperature/\"}]}",
            "{\"subject\":\"temperature/d1\"}",
            "{\"subject\":\"humidity/d1\"}"),
        arguments(
            "prefix ignoring case",
            "{\"subject\":[{\"prefix\":{\"equals-ignore-case\":\"TEMP\"}}]}",
            "{\"subject\":\"temperature/d1\"}",
            "{\"subject\":\"atemp\"}"),
        arguments(
            "suffix",
            "{\"source\":[{\"suffix\":\".example.com\"}]}",
            "{\"source\":\"shop.example.com\"}",
            "{\"source\":\"example.com.evil\"}"),
        arguments(
            "suffix ignoring case",
            "{\"source\":[{\"suffix\":{\"equals-ignore-case\":\".COM\"}}]}",
            "{\"source\":\"shop.example.com\"}",
            "{\"source\":\"shop.example.org\"}"),
        arguments(
            "equals-ignore-case",
            "{\"data\":{\"country\":[{\"equals-ignore-case\":\"fr\"}]}}",
            "{\"data\":{\"country\":\"FR\"}}",
            "{\"data\":{\"country\":\"FRA\"}}"),
        arguments(
            "wildcard",
            "{\"subject\":[{\"wildcard\":\"temperature/*/rack-1\"}]}",
            "{\"subject\":\"temperature/room-4/rack-1\"}",
            "{\"subject\":\"temperature/room-4/rack-2\"}"),
        arguments(
            "anything-but one value",
            "{\"data\":{\"status\":[{\"anything-but\":\"ok\"}]}}",
            "{\"data\":{\"status\":\"failed\"}}",
            "{\"data\":{\"status\":\"ok\"}}"),
        arguments(
            "anything-but is not absence",
            "{\"data\":{\"status\":[{\"anything-but\":\"ok\"}]}}",
            "{\"data\":{\"status\":\"late\"}}",
            "{\"data\":{}}"),
        arguments(
            "anything-but a list",
            "{\"data\":{\"status\":[{\"anything-but\":[\"ok\",\"pending\"]}]}}",
            "{\"data\":{\"status\":\"failed\"}}",
            "{\"data\":{\"status\":\"pending\"}}"),
        arguments(
            "anything-but numbers",
            "{\"data\":{\"code\":[{\"anything-but\":[200,204]}]}}",
            "{\"data\":{\"code\":500}}",
            "{\"data\":{\"code\":204}}"),
        arguments(
            "anything-but prefix",
            "{\"data\":{\"user\":[{\"anything-but\":{\"prefix\":\"test-\"}}]}}",
            "{\"data\":{\"user\":\"ann\"}}",
            "{\"data\":{\"user\":\"test-ann\"}}"),
        arguments(
            "anything-but suffix",
            "{\"data\":{\"file\":[{\"anything-but\":{\"suffix\":\".tmp\"}}]}}",
            "{\"data\":{\"file\":\"a.txt\"}}",
            "{\"data\":{\"file\":\"a.tmp\"}}"),
        arguments(
            "anything-but equals-ignore-case",
            "{\"data\":{\"env\":[{\"anything-but\":{\"equals-ignore-case\":[\"test\",\"dev\"]}}]}}",
            "{\"data\":{\"env\":\"prod\"}}",
            "{\"data\":{\"env\":\"DEV\"}}"),
        arguments(
            "anything-but wildcard",
            "{\"subject\":[{\"anything-but\":{\"wildcard\":\"test/*\"}}]}",
            "{\"subject\":\"prod/a\"}",
            "{\"subject\":\"test/a\"}"),
        arguments(
            "numeric range",
            "{\"data\":{\"value\":[{\"numeric\":[\">\",0,\"<=\",100]}]}}",
            "{\"data\":{\"value\":100}}",
            "{\"data\":{\"value\":100.5}}"),
        arguments(
            "numeric equals",
            "{\"data\":{\"value\":[{\"numeric\":[\"=\",5]}]}}",
            "{\"data\":{\"value\":5.0}}",
            "{\"data\":{\"value\":\"5\"}}"),
        arguments(
            "numeric at least",
            "{\"data\":{\"amount\":[{\"numeric\":[\">=\",500]}]}}",
            "{\"data\":{\"amount\":500}}",
            "{\"data\":{\"amount\":499.99}}"),
        arguments(
            "numeric below",
            "{\"data\":{\"t\":[{\"numeric\":[\"<\",-10]}]}}",
            "{\"data\":{\"t\":-10.5}}",
            "{\"data\":{\"t\":-10}}"),
        arguments(
            "cidr IPv4",
            "{\"data\":{\"ip\":[{\"cidr\":\"10.0.0.0/24\"}]}}",
            "{\"data\":{\"ip\":\"10.0.0.7\"}}",
            "{\"data\":{\"ip\":\"10.0.1.7\"}}"),
        arguments(
            "cidr IPv6",
            "{\"data\":{\"ip\":[{\"cidr\":\"2001:db8::/32\"}]}}",
            "{\"data\":{\"ip\":\"2001:db8::1\"}}",
            "{\"data\":{\"ip\":\"2001:db9::1\"}}"),
        arguments(
            "exists true, null counts as present",
            "{\"data\":{\"coupon\":[{\"exists\":true}]}}",
            "{\"data\":{\"coupon\":null}}",
            "{\"data\":{\"other\":1}}"),
        arguments(
            "exists false",
            "{\"data\":{\"coupon\":[{\"exists\":false}]}}",
            "{\"data\":{\"other\":1}}",
            "{\"data\":{\"coupon\":\"X\"}}"),
        arguments(
            "$or",
            "{\"$or\":[{\"subject\":[\"a\"]},{\"data\":{\"vip\":[true]}}]}",
            "{\"subject\":\"b\",\"data\":{\"vip\":true}}",
            "{\"subject\":\"b\",\"data\":{\"vip\":false}}"),
        arguments(
            "nested $or",
            "{\"type\":[\"t\"],\"$or\":[{\"subject\":[\"a\"]},"
                + "{\"$or\":[{\"data\":{\"x\":[1]}},{\"data\":{\"y\":[2]}}]}]}",
            "{\"type\":\"t\",\"data\":{\"y\":2}}",
            "{\"type\":\"u\",\"data\":{\"y\":2}}"),
        arguments(
            "values in a list are ORed",
            "{\"type\":[\"shop.view\",\"shop.cart\"]}",
            "{\"type\":\"shop.cart\"}",
            "{\"type\":\"shop.purchase\"}"),
        arguments(
            "fields are ANDed",
            "{\"type\":[\"t\"],\"subject\":[\"s\"]}",
            "{\"type\":\"t\",\"subject\":\"s\"}",
            "{\"type\":\"t\",\"subject\":\"x\"}"),
        arguments(
            "array field matches any element",
            "{\"data\":{\"tags\":[\"red\"]}}",
            "{\"data\":{\"tags\":[\"blue\",\"red\"]}}",
            "{\"data\":{\"tags\":[\"blue\",\"green\"]}}"),
        arguments(
            "array of objects: fields from one element only",
            "{\"data\":{\"items\":{\"sku\":[\"a\"],\"qty\":[2]}}}",
            "{\"data\":{\"items\":[{\"sku\":\"b\",\"qty\":1},{\"sku\":\"a\",\"qty\":2}]}}",
            "{\"data\":{\"items\":[{\"sku\":\"a\",\"qty\":1},{\"sku\":\"b\",\"qty\":2}]}}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("operators")
  @DisplayName(
      "each operator matches its example and not its counter-example, through the router's rules")
  void operator(String name, String pattern, String matching, String notMatching) {
    CompiledRules rules =
        new CompiledRules(
            RuleParser.parse(
                new JsonObject()
                    .put(
                        "rules",
                        new JsonArray()
                            .add(
                                new JsonObject()
                                    .put("id", "r")
                                    .put("pattern", new JsonObject(pattern))
                                    .put(
                                        "actions",
                                        new JsonArray()
                                            .add(new JsonObject().put("deliver", "anomaly")))))),
            "conformance");
    assertThat(rules.match(event(matching)).rules())
        .as("match: " + matching)
        .extracting(Rule::id)
        .containsExactly("r");
    assertThat(rules.match(event(notMatching)).rules()).as("no match: " + notMatching).isEmpty();
  }

  private static CloudEvent event(String json) {
    return CloudEvent.wrap(new JsonObject(json));
  }
}
