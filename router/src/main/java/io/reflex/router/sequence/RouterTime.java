package io.reflex.router.sequence;

import io.reflex.common.state.Wake;
import java.io.Serializable;

/**
 * The router replica's view of time when it sends a store update: the newest event time it has seen
 * (any key; {@link Long#MIN_VALUE} before the first event) and its wall clock. Passed in, so the
 * update stays deterministic.
 */
public record RouterTime(long eventTime, long wallTime) implements Serializable {

  /**
   * The wake for a window ending at {@code deadline}: when event time passes it (the due query
   * allows the lateness), or, on a quiet stream, once as much wall-clock time has passed as event
   * time still had to go, plus the lateness. Null when nothing waits ({@link Long#MAX_VALUE}).
   */
  Wake wake(long deadline, long latenessMs) {
    if (deadline == Long.MAX_VALUE) {
      return null;
    }
    long ahead = eventTime == Long.MIN_VALUE ? 0 : Math.max(0, deadline - eventTime);
    return new Wake(deadline, wallTime + ahead + latenessMs);
  }
}
