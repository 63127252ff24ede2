package io.reflex.common.event;

import java.security.SecureRandom;

/**
 * A 128-bit hash of an event identity, as two independently seeded 64-bit lanes, so that a filter
 * can keep identities as numbers. Two different identities share a hash with probability about
 * 2<sup>-128</sup>; the seeds are drawn per process so that nobody can choose an identity to
 * collide with another's. Each lane folds the string four characters at a time through
 * SplittableRandom's 64-bit finaliser, which spreads every input bit over the whole word.
 */
final class IdentityHash {

  private final long highSeed;
  private final long lowSeed;

  private IdentityHash(long highSeed, long lowSeed) {
    this.highSeed = highSeed;
    this.lowSeed = lowSeed;
  }

  static IdentityHash seededAtRandom() {
    SecureRandom random = new SecureRandom();
    return new IdentityHash(random.nextLong(), random.nextLong());
  }

  long high(CharSequence identity) {
    return hash(identity, highSeed);
  }

  long low(CharSequence identity) {
    return hash(identity, lowSeed);
  }

  private static long hash(CharSequence text, long seed) {
    int length = text.length();
    long h = seed;
    int i = 0;
    for (; i + 4 <= length; i += 4) {
      long block =
          text.charAt(i)
              | (long) text.charAt(i + 1) << 16
              | (long) text.charAt(i + 2) << 32
              | (long) text.charAt(i + 3) << 48;
      h = mix(h ^ mix(block + seed));
    }
    long tail = 0;
    for (int shift = 0; i < length; i++, shift += 16) {
      tail |= (long) text.charAt(i) << shift;
    }
    return mix(h ^ mix(tail + seed) ^ length);
  }

  /** The finaliser of {@link java.util.SplittableRandom} (Stafford's variant 13). */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
