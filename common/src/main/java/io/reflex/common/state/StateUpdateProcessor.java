package io.reflex.common.state;

import com.hazelcast.map.EntryProcessor;

import java.io.Serializable;
import java.util.Map;

/**
 * Runs a {@link StateUpdate} inside Hazelcast, on the partition thread of the member that owns the key; Hazelcast runs
 * it again on the backup replica, which is why updates must be deterministic.
 */
final class StateUpdateProcessor<R extends Serializable> implements EntryProcessor<String, byte[], R> {

  private final StateUpdate<R> update;

  StateUpdateProcessor(StateUpdate<R> update) {
    this.update = update;
  }

  @Override
  public R process(Map.Entry<String, byte[]> entry) {
    StateChange<R> change = update.apply(entry.getValue());
    entry.setValue(change.newValue());
    return change.result();
  }
}
