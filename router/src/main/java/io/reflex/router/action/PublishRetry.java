package io.reflex.router.action;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How a publish action retries records the broker did not confirm, and where they go after the last
 * attempt: up to {@code attempts} writes in all, the pause before the n-th retry drawn at random
 * between half and all of {@code min(backoffMs * 2^(n-1), maxBackoffMs)} (exponential backoff with
 * jitter, so that many failing records do not retry in step), then the dead-letter topic with the
 * reason.
 */
public record PublishRetry(int attempts, long backoffMs, long maxBackoffMs, String deadLetter) {

  public static final int ATTEMPTS = 5;
  public static final long BACKOFF_MS = 100;
  public static final long MAX_BACKOFF_MS = 10_000;
  public static final String DEAD_LETTER = "reflex.dead-letter";

  public static final PublishRetry DEFAULT =
      new PublishRetry(ATTEMPTS, BACKOFF_MS, MAX_BACKOFF_MS, DEAD_LETTER);

  /** The pause before retry number {@code retry} (1 for the first retry). */
  public long pauseMs(int retry) {
    long ceiling = Math.min(maxBackoffMs, backoffMs << Math.min(retry - 1, 30));
    return ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
  }
}
