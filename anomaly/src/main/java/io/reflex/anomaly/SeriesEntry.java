package io.reflex.anomaly;

import io.reflex.anomaly.detector.Verdict;
import io.reflex.common.state.AppliedPositions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * What the keyed-state store holds for one value series: the detector's snapshot, the log positions it has applied,
 * and the verdicts of the latest logged points. A retried batch (the router restarted before it committed) is then
 * answered with the verdicts the detector gave the first time, instead of being observed twice.
 */
final class SeriesEntry {

  private static final byte FORMAT = 1;
  /**
   * Verdicts kept for retries: at least the last few logged points, and all of the last update's (a router batch's
   * points of this series, which is what a crashed router leaves uncommitted), up to this many.
   */
  static final int MIN_RECENT = 16;
  static final int MAX_RECENT = 1000;

  final AppliedPositions applied;
  final long[] recentPositions;
  final Verdict[] recentVerdicts;
  final byte[] detector;

  SeriesEntry(AppliedPositions applied, long[] recentPositions, Verdict[] recentVerdicts, byte[] detector) {
    this.applied = applied;
    this.recentPositions = recentPositions;
    this.recentVerdicts = recentVerdicts;
    this.detector = detector;
  }

  static SeriesEntry empty() {
    return new SeriesEntry(AppliedPositions.none(), new long[0], new Verdict[0], null);
  }

  /** The verdict the detector gave the point at {@code position}, if it is among the recent ones. */
  Verdict recent(long position) {
    for (int i = recentPositions.length - 1; i >= 0; i--) {
      if (recentPositions[i] == position) {
        return recentVerdicts[i];
      }
    }
    return null;
  }

  byte[] encode() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + detector.length + recentPositions.length * 48);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      applied.writeTo(out);
      out.writeInt(recentPositions.length);
      for (int i = 0; i < recentPositions.length; i++) {
        Verdict verdict = recentVerdicts[i];
        out.writeLong(recentPositions[i]);
        out.writeDouble(verdict.score());
        out.writeBoolean(verdict.alert());
        out.writeDouble(verdict.expectedLow());
        out.writeDouble(verdict.expectedHigh());
        out.writeUTF(verdict.reason());
      }
      out.writeInt(detector.length);
      out.write(detector);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static SeriesEntry decode(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException("series state in format " + format + ", expected " + FORMAT);
      }
      AppliedPositions applied = AppliedPositions.readFrom(in);
      int recent = in.readInt();
      long[] positions = new long[recent];
      Verdict[] verdicts = new Verdict[recent];
      for (int i = 0; i < recent; i++) {
        positions[i] = in.readLong();
        verdicts[i] = new Verdict(in.readDouble(), in.readBoolean(), in.readDouble(), in.readDouble(), in.readUTF());
      }
      byte[] detector = new byte[in.readInt()];
      in.readFully(detector);
      return new SeriesEntry(applied, positions, verdicts, detector);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
