package io.reflex.anomaly;

import io.reflex.anomaly.detector.Detector;
import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.detector.Verdict;
import io.reflex.common.state.AppliedPositions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One value series as its owning replica keeps it, as live objects: the detector, the log positions
 * it has applied, and the verdicts of the latest logged points. A retried batch (the router
 * restarted before it committed) is then answered with the verdicts the detector gave the first
 * time, instead of being observed twice. {@link #encode} is the snapshot another replica continues
 * from when it takes the series over.
 */
final class SeriesEntry {

  private static final byte FORMAT = 1;

  /**
   * Verdicts kept for retries: at least the last few logged points, and all of the last update's (a
   * router batch's points of this series, which is what a crashed router leaves uncommitted), up to
   * this many.
   */
  static final int MIN_RECENT = 16;

  static final int MAX_RECENT = 1000;

  final Detector detector;
  final AppliedPositions applied;
  long[] recentPositions;
  Verdict[] recentVerdicts;

  /**
   * The key its events are routed by, so that the owner can tell when the series moves to another
   * replica.
   */
  String routingKey;

  /** Changed since its last snapshot. */
  boolean dirty;

  private SeriesEntry(
      Detector detector,
      AppliedPositions applied,
      long[] recentPositions,
      Verdict[] recentVerdicts) {
    this.detector = detector;
    this.applied = applied;
    this.recentPositions = recentPositions;
    this.recentVerdicts = recentVerdicts;
  }

  static SeriesEntry fresh(Sensitivity sensitivity) {
    return new SeriesEntry(
        Detectors.create(sensitivity), AppliedPositions.none(), new long[0], new Verdict[0]);
  }

  /**
   * The verdict the detector gave the point at {@code position}, if it is among the recent ones.
   */
  Verdict recent(long position) {
    for (int i = recentPositions.length - 1; i >= 0; i--) {
      if (recentPositions[i] == position) {
        return recentVerdicts[i];
      }
    }
    return null;
  }

  byte[] encode() {
    byte[] snapshot = detector.snapshot();
    ByteArrayOutputStream bytes =
        new ByteArrayOutputStream(64 + snapshot.length + recentPositions.length * 48);
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
      out.writeInt(snapshot.length);
      out.write(snapshot);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static SeriesEntry decode(byte[] bytes, Sensitivity sensitivity) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte format = in.readByte();
      if (format != FORMAT) {
        throw new IllegalStateException(
            "series state in format " + format + ", expected " + FORMAT);
      }
      AppliedPositions applied = AppliedPositions.readFrom(in);
      int recent = in.readInt();
      long[] positions = new long[recent];
      Verdict[] verdicts = new Verdict[recent];
      for (int i = 0; i < recent; i++) {
        positions[i] = in.readLong();
        verdicts[i] =
            new Verdict(
                in.readDouble(), in.readBoolean(), in.readDouble(), in.readDouble(), in.readUTF());
      }
      byte[] detector = new byte[in.readInt()];
      in.readFully(detector);
      return new SeriesEntry(
          Detectors.restore(sensitivity, detector), applied, positions, verdicts);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
