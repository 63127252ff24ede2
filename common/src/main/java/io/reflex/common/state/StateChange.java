package io.reflex.common.state;

import java.io.Serializable;

/** What a {@link StateUpdate} did: the entry's new bytes (null removes it) and the caller's result. */
public record StateChange<R extends Serializable>(byte[] newValue, R result) implements Serializable {
}
