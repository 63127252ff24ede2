package io.reflex.common.placement;

import java.util.List;

/**
 * Highest-random-weight (rendezvous) hashing: a key belongs to the replica with the highest weight
 * for it. Every process that knows the same replicas picks the same owner without asking anyone,
 * and when a replica joins or leaves only the keys it wins or held move (about 1/n of them), which
 * keeps most detectors where their state already is.
 */
public final class Rendezvous {

  private Rendezvous() {}

  /** The owner of {@code key} among {@code replicas}, or null when there are none. */
  public static String owner(String key, List<String> replicas) {
    String owner = null;
    long best = Long.MIN_VALUE;
    long keyHash = mix(key.hashCode());
    for (String replica : replicas) {
      long weight = mix(keyHash ^ mix(replica.hashCode() + 0x9E3779B97F4A7C15L));
      if (owner == null || weight > best || weight == best && replica.compareTo(owner) < 0) {
        owner = replica;
        best = weight;
      }
    }
    return owner;
  }

  /**
   * SplitMix64's finaliser: spreads the 32 bits of a String hash over 64 so that weights do not
   * tie.
   */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
