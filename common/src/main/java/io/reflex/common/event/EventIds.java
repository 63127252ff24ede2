package io.reflex.common.event;

/**
 * Ids of output events. They are name-based ids of what produced the output and the identity of its
 * cause, so processing the same cause again (a retry, a replay) yields the same id, in any JVM, and
 * downstream deduplication recognises it. They read as UUIDs (version 8, the custom kind): two
 * 64-bit hashes of the characters, computed without building the name or asking a message digest
 * (MD5 showed as 2% of a loaded mesh's allocation).
 */
public final class EventIds {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private EventIds() {}

  /**
   * @param producer what made the output, e.g. a rule id or {@code anomaly.scored}
   */
  public static String derived(String producer, CloudEvent cause) {
    Hash hash = new Hash().add(producer).add(cause.source()).add(cause.id());
    long high = (mix(hash.a) & ~0xF000L) | 0x8000L; // version 8
    long low = (mix(hash.b) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // RFC 4122 variant
    char[] text = new char[36];
    int at = hex(high >>> 32, 8, text, 0);
    text[at++] = '-';
    at = hex(high >>> 16, 4, text, at);
    text[at++] = '-';
    at = hex(high, 4, text, at);
    text[at++] = '-';
    at = hex(low >>> 48, 4, text, at);
    text[at++] = '-';
    hex(low, 12, text, at);
    return new String(text);
  }

  private static int hex(long value, int digits, char[] text, int at) {
    for (int i = digits - 1; i >= 0; i--) {
      text[at + i] = HEX[(int) (value & 0xF)];
      value >>>= 4;
    }
    return at + digits;
  }

  /** SplitMix64's finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /**
   * Two independent running hashes (FNV-1a and a multiply-rotate one) over the parts, each ended by
   * its length.
   */
  private static final class Hash {
    long a = 0xCBF29CE484222325L;
    long b = 0x9E3779B97F4A7C15L;

    Hash add(String part) {
      String text = part == null ? "" : part;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        a = (a ^ c) * 0x100000001B3L;
        b = Long.rotateLeft(b ^ (c * 0xC2B2AE3D27D4EB4FL), 31) * 0x9E3779B97F4A7C15L;
      }
      // Each part's length ends it, so ("ab", "c") and ("a", "bc") hash apart.
      a = (a ^ (0x10000L + text.length())) * 0x100000001B3L;
      b = Long.rotateLeft(b ^ (0x10000L + text.length()), 31) * 0x9E3779B97F4A7C15L;
      return this;
    }
  }
}
