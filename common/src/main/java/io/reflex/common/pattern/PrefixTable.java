package io.reflex.common.pattern;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Values by string prefix, found without cutting the text: the hash of each of the text's prefixes
 * is {@link String#hashCode} of that prefix, computed as the text is read, and looked up among the
 * prefixes' hashes (kept sorted), so a lookup allocates nothing unless it finds something. A table
 * is built once and then only read.
 */
final class PrefixTable<V> {

  private int size;
  private int[] hashes = new int[4];
  private String[] prefixes = new String[4];
  private Object[] values = new Object[4];

  /** The distinct lengths of the prefixes, ascending. */
  private int[] lengths = new int[0];

  void add(String prefix, V value) {
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
      prefixes = Arrays.copyOf(prefixes, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    int hash = prefix.hashCode();
    int at = Arrays.binarySearch(hashes, 0, size, hash);
    int slot = at >= 0 ? at : -at - 1;
    System.arraycopy(hashes, slot, hashes, slot + 1, size - slot);
    System.arraycopy(prefixes, slot, prefixes, slot + 1, size - slot);
    System.arraycopy(values, slot, values, slot + 1, size - slot);
    hashes[slot] = hash;
    prefixes[slot] = prefix;
    values[slot] = value;
    size++;
    int length = Arrays.binarySearch(lengths, prefix.length());
    if (length < 0) {
      int[] more = new int[lengths.length + 1];
      int insert = -length - 1;
      System.arraycopy(lengths, 0, more, 0, insert);
      more[insert] = prefix.length();
      System.arraycopy(lengths, insert, more, insert + 1, lengths.length - insert);
      lengths = more;
    }
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** {@code before}, then the values of every prefix of {@code text} (in a new list if any). */
  @SuppressWarnings("unchecked")
  List<V> find(String text, List<V> before) {
    List<V> found = before;
    int hash = 0;
    int read = 0;
    for (int length : lengths) {
      if (length > text.length()) {
        break;
      }
      for (; read < length; read++) {
        hash = 31 * hash + text.charAt(read);
      }
      int at = Arrays.binarySearch(hashes, 0, size, hash);
      if (at < 0) {
        continue;
      }
      while (at > 0 && hashes[at - 1] == hash) {
        at--;
      }
      for (; at < size && hashes[at] == hash; at++) {
        if (prefixes[at].length() == length && text.startsWith(prefixes[at])) {
          if (found == before) {
            found = new ArrayList<>(before);
          }
          found.add((V) values[at]);
        }
      }
    }
    return found;
  }
}
