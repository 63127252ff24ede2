package io.reflex.router.sequence;

import java.io.Serializable;

/**
 * One step of a sequence: a pattern (EventBridge JSON) an event must match, how many times ({@code
 * min..max}), or, when {@code absent}, an event that must NOT occur at this point. {@code differs},
 * when set, further requires the value at that path to differ from the one in the first event of
 * step {@code differsFrom} (e.g. another country).
 */
public record SequenceStep(
    String pattern, int min, int max, boolean absent, KeyPath differs, int differsFrom)
    implements Serializable {

  public static final int UNBOUNDED = Integer.MAX_VALUE;
}
