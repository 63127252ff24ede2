package io.reflex.common.state;

import com.hazelcast.map.EntryProcessor;
import java.io.Serializable;
import java.util.Map;

/**
 * Runs a {@link StateUpdate} inside Hazelcast, on the partition thread of the member that owns the
 * key, and stores its new bytes with its wake ({@link StoredEntry}); Hazelcast runs it again on the
 * backup replica, which is why updates must be deterministic.
 */
final class StateUpdateProcessor<R extends Serializable>
    implements EntryProcessor<String, byte[], R> {

  private final StateUpdate<R> update;

  StateUpdateProcessor(StateUpdate<R> update) {
    this.update = update;
  }

  @Override
  public R process(Map.Entry<String, byte[]> entry) {
    byte[] stored = entry.getValue();
    StateChange<R> change = update.apply(StoredEntry.value(stored));
    if (change.newValue() == null) {
      entry.setValue(null);
    } else {
      Wake wake = change.wake() == null ? null : change.wake().after(StoredEntry.wake(stored));
      entry.setValue(StoredEntry.frame(change.newValue(), wake));
    }
    return change.result();
  }
}
