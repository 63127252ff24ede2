package io.reflex.common.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;

/**
 * Picks the known key nearest to a misspelt one (edit distance), so an error can say what was
 * probably meant. Case and the separators {@code .} and {@code _} are ignored: environment
 * variables spell keys differently.
 */
final class ClosestName {

  private ClosestName() {}

  static String among(Collection<String> known, String given) {
    return known.stream()
        .min(
            Comparator.comparingInt((String name) -> distance(letters(name), letters(given)))
                .thenComparing(Comparator.naturalOrder()))
        .orElseThrow();
  }

  private static String letters(String name) {
    return name.toLowerCase(Locale.ROOT).replace(".", "").replace("_", "");
  }

  /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
