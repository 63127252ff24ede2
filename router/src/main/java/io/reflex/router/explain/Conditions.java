package io.reflex.router.explain;

import io.reflex.router.explain.PatternExplainer.Present;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The conditions of one pattern leaf (ORed) evaluated on the values an event has there, operator by
 * operator, as rules.md §2 describes event-ruler's language.
 */
final class Conditions {

  /** Only address literals are compared: a host name would make InetAddress look it up. */
  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

  private Conditions() {}

  static FieldCheck check(String path, JsonArray conditions, Present field) {
    Set<String> operators = new LinkedHashSet<>();
    boolean passed = false;
    for (Object condition : conditions) {
      operators.add(operator(condition));
      passed |= holds(condition, field);
    }
    return new FieldCheck(
        path, String.join(" or ", operators), new JsonArray(field.values()), conditions, passed);
  }

  private static String operator(Object condition) {
    if (condition instanceof JsonObject object && object.size() == 1) {
      return object.fieldNames().iterator().next();
    }
    return "equals";
  }

  private static boolean holds(Object condition, Present field) {
    if (!(condition instanceof JsonObject object) || object.size() != 1) {
      return any(field.values(), value -> same(condition, value));
    }
    String operator = object.fieldNames().iterator().next();
    Object argument = object.getValue(operator);
    return switch (operator) {
      case "exists" -> Boolean.TRUE.equals(argument) == field.present();
      case "prefix" -> strings(field.values(), argument, String::startsWith);
      case "suffix" -> strings(field.values(), argument, String::endsWith);
      case "equals-ignore-case" -> strings(field.values(), argument, String::equalsIgnoreCase);
      case "wildcard" -> strings(field.values(), argument, Conditions::wildcard);
      case "numeric" -> any(field.values(), value -> numeric(argument, value));
      case "cidr" ->
          any(
              field.values(),
              value ->
                  value instanceof String ip
                      && IP_LITERAL.matcher(ip).matches()
                      && inRange(ip, String.valueOf(argument)));
      case "anything-but" ->
          field.present() && any(field.values(), value -> !excluded(argument, value));
      default -> false;
    };
  }

  private static boolean any(List<Object> values, java.util.function.Predicate<Object> test) {
    return values.stream().anyMatch(test);
  }

  /**
   * A literal: strings equal as text, numbers equal as numbers (30 matches 30.0), booleans and null
   * as themselves.
   */
  private static boolean same(Object wanted, Object value) {
    if (wanted instanceof Number number && value instanceof Number seen) {
      return number.doubleValue() == seen.doubleValue();
    }
    return wanted == null ? value == null : wanted.equals(value);
  }

  /** A string operator whose argument may be a string or {@code {"equals-ignore-case": text}}. */
  private static boolean strings(
      List<Object> values, Object argument, BiPredicate<String, String> test) {
    boolean ignoreCase =
        argument instanceof JsonObject nested && nested.containsKey("equals-ignore-case");
    String wanted =
        ignoreCase
            ? ((JsonObject) argument).getString("equals-ignore-case")
            : String.valueOf(argument);
    return any(
        values,
        value ->
            value instanceof String text
                && (ignoreCase
                    ? test.test(text.toLowerCase(Locale.ROOT), wanted.toLowerCase(Locale.ROOT))
                    : test.test(text, wanted)));
  }

  private static boolean excluded(Object argument, Object value) {
    if (argument instanceof JsonArray list) {
      return list.stream().anyMatch(item -> same(item, value));
    }
    if (argument instanceof JsonObject nested && nested.size() == 1) {
      String operator = nested.fieldNames().iterator().next();
      Object wanted = nested.getValue(operator);
      List<Object> options = wanted instanceof JsonArray list ? list.getList() : List.of(wanted);
      List<Object> single = value == null ? List.of() : List.of(value);
      return options.stream()
          .anyMatch(
              option ->
                  switch (operator) {
                    case "prefix" -> strings(single, option, String::startsWith);
                    case "suffix" -> strings(single, option, String::endsWith);
                    case "equals-ignore-case" -> strings(single, option, String::equalsIgnoreCase);
                    case "wildcard" -> strings(single, option, Conditions::wildcard);
                    default -> false;
                  });
    }
    return same(argument, value);
  }

  private static boolean numeric(Object argument, Object value) {
    if (!(value instanceof Number number) || !(argument instanceof JsonArray bounds)) {
      return false;
    }
    double seen = number.doubleValue();
    for (int i = 0; i + 1 < bounds.size(); i += 2) {
      double bound = ((Number) bounds.getValue(i + 1)).doubleValue();
      boolean holds =
          switch (bounds.getString(i)) {
            case "=" -> seen == bound;
            case "<" -> seen < bound;
            case "<=" -> seen <= bound;
            case ">" -> seen > bound;
            case ">=" -> seen >= bound;
            default -> false;
          };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  /** {@code *} matches any run of characters; {@code \*} and {@code \\} stand for themselves. */
  private static boolean wildcard(String text, String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '*') {
        regex.append(".*");
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return text.matches(regex.toString());
  }

  private static boolean inRange(String ip, String cidr) {
    try {
      String[] parts = cidr.split("/");
      byte[] network = InetAddress.getByName(parts[0]).getAddress();
      byte[] address = InetAddress.getByName(ip).getAddress();
      if (network.length != address.length) {
        return false;
      }
      int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : network.length * 8;
      int shift = network.length * 8 - bits;
      return new BigInteger(1, network)
          .shiftRight(shift)
          .equals(new BigInteger(1, address).shiftRight(shift));
    } catch (UnknownHostException | NumberFormatException e) {
      return false;
    }
  }
}
