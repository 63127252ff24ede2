package io.reflex.client;

/**
 * How fast the client sends while the gateway answers {@code rate_limited}: after a refusal it
 * waits, doubling the wait while refusals go on, and keeps fewer events unacknowledged; each clean
 * acknowledgement ends the wait and widens the window again by one batch (additive increase,
 * multiplicative decrease). A producer faster than its rate limit thus settles near that limit
 * instead of failing or being disconnected for flooding.
 */
final class SendPace {

  static final long FIRST_WAIT_MS = 50;
  static final long MAX_WAIT_MS = 2_000;

  private final int minWindow;
  private final int maxWindow;
  private int window;
  private long waitMs;

  SendPace(int minWindow, int maxWindow) {
    this.minWindow = minWindow;
    this.maxWindow = maxWindow;
    this.window = maxWindow;
  }

  /** Events that may be unacknowledged now. */
  int window() {
    return window;
  }

  /** The gateway refused events for their rate: how long to wait before sending again. */
  long refused() {
    window = Math.max(minWindow, window / 2);
    waitMs = waitMs == 0 ? FIRST_WAIT_MS : Math.min(MAX_WAIT_MS, waitMs * 2);
    return waitMs;
  }

  /** The gateway took a whole publish. */
  void accepted() {
    waitMs = 0;
    window = Math.min(maxWindow, window + minWindow);
  }
}
