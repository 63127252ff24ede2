package io.reflex.common.pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One {@code numeric} condition of a pattern: {@code ["=", 5]}, {@code [">", 90]}, {@code [">=", 0,
 * "<", 100]}. event-ruler reads a number's text as a decimal and compares it as the double it is,
 * refusing a number that no double equals; an {@code Integer}, a {@code Long} of at most 53 bits or
 * a finite {@code Double} is its own double exactly, so comparing doubles answers as event-ruler
 * does ({@link #isExact}). Bounds are held to the same.
 */
final class NumericRange {

  private static final long EXACT_LONGS = 1L << 53;

  private final double low;
  private final boolean lowIncluded;
  private final double high;
  private final boolean highIncluded;

  private NumericRange(double low, boolean lowIncluded, double high, boolean highIncluded) {
    this.low = low;
    this.lowIncluded = lowIncluded;
    this.high = high;
    this.highIncluded = highIncluded;
  }

  /** Whether event-ruler compares this value of an event as {@link Number#doubleValue}. */
  static boolean isExact(Object value) {
    if (value instanceof Integer) {
      return true;
    }
    if (value instanceof Long l) {
      return -EXACT_LONGS <= l && l <= EXACT_LONGS;
    }
    return value instanceof Double d && Double.isFinite(d);
  }

  /** The range a {@code numeric} list gives, or null for a form not handled here. */
  static NumericRange of(JsonNode numeric) {
    if (!numeric.isArray() || (numeric.size() != 2 && numeric.size() != 4)) {
      return null;
    }
    String first = numeric.get(0).asText();
    Double bound = bound(numeric.get(1));
    if (bound == null) {
      return null;
    }
    if (numeric.size() == 2) {
      return switch (first) {
        case "=" -> new NumericRange(bound, true, bound, true);
        case ">" -> new NumericRange(bound, false, Double.POSITIVE_INFINITY, false);
        case ">=" -> new NumericRange(bound, true, Double.POSITIVE_INFINITY, false);
        case "<" -> new NumericRange(Double.NEGATIVE_INFINITY, false, bound, false);
        case "<=" -> new NumericRange(Double.NEGATIVE_INFINITY, false, bound, true);
        default -> null;
      };
    }
    String second = numeric.get(2).asText();
    Double upper = bound(numeric.get(3));
    boolean lowOk = first.equals(">") || first.equals(">=");
    boolean highOk = second.equals("<") || second.equals("<=");
    if (upper == null || !lowOk || !highOk) {
      return null;
    }
    return new NumericRange(bound, first.equals(">="), upper, second.equals("<="));
  }

  private static Double bound(JsonNode node) {
    if (node.isInt()) {
      return (double) node.intValue();
    }
    if (node.isLong()) {
      return isExact(node.longValue()) ? (double) node.longValue() : null;
    }
    if (node.isDouble() && Double.isFinite(node.doubleValue())) {
      return node.doubleValue();
    }
    return null;
  }

  boolean contains(double value) {
    return (value > low || (lowIncluded && value == low))
        && (value < high || (highIncluded && value == high));
  }
}
