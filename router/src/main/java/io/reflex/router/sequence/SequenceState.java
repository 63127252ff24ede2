package io.reflex.router.sequence;

import io.reflex.common.state.AppliedPositions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The stored state of one rule and key: the newest event time seen (the key's clock), the event-log
 * positions taken already (durable mode: a retried batch is not counted twice) and the partial
 * matches, oldest first. Stored as bytes tagged with the definition's fingerprint, so state of a
 * changed rule starts afresh.
 */
final class SequenceState {

  long clock = Long.MIN_VALUE;
  AppliedPositions applied = AppliedPositions.none();
  final List<PartialMatch> partials = new ArrayList<>();

  static SequenceState decode(byte[] bytes, SequenceDefinition definition) {
    SequenceState state = new SequenceState();
    if (bytes == null) {
      return state;
    }
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readInt() != definition.fingerprint()) {
        return state;
      }
      state.clock = in.readLong();
      state.applied = AppliedPositions.readFrom(in);
      int count = in.readInt();
      for (int i = 0; i < count; i++) {
        state.partials.add(PartialMatch.read(in, definition.steps().size()));
      }
      return state;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The bytes to store, or null when nothing is under way and nothing needs remembering (the entry
   * is removed).
   */
  byte[] encode(SequenceDefinition definition) {
    if (partials.isEmpty() && applied.isEmpty()) {
      return null;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(definition.fingerprint());
      out.writeLong(clock);
      applied.writeTo(out);
      out.writeInt(partials.size());
      for (PartialMatch partial : partials) {
        partial.write(out);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
