package io.reflex.router.sequence;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A sequence under way for one key: the step it is on and how often that step matched, when it
 * started and last advanced, and the first event of each step (the templates' {@code steps[i]})
 * with each step's count.
 */
final class PartialMatch {

  int step;
  int count;
  final long first;
  long last;
  final String[] events;
  final int[] counts;

  PartialMatch(int steps, long first) {
    this.first = first;
    this.last = first;
    this.events = new String[steps];
    this.counts = new int[steps];
  }

  void take(int stepIndex, String event, long time) {
    if (stepIndex != step) {
      step = stepIndex;
      count = 0;
    }
    count++;
    counts[stepIndex]++;
    if (events[stepIndex] == null) {
      events[stepIndex] = event;
    }
    last = Math.max(last, time);
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(step);
    out.writeInt(count);
    out.writeLong(first);
    out.writeLong(last);
    for (int i = 0; i < events.length; i++) {
      out.writeInt(counts[i]);
      byte[] bytes = events[i] == null ? null : events[i].getBytes(StandardCharsets.UTF_8);
      out.writeInt(bytes == null ? -1 : bytes.length);
      if (bytes != null) {
        out.write(bytes);
      }
    }
  }

  static PartialMatch read(DataInputStream in, int steps) throws IOException {
    int step = in.readInt();
    int count = in.readInt();
    PartialMatch match = new PartialMatch(steps, in.readLong());
    match.step = step;
    match.count = count;
    match.last = in.readLong();
    for (int i = 0; i < steps; i++) {
      match.counts[i] = in.readInt();
      int length = in.readInt();
      if (length >= 0) {
        match.events[i] = new String(in.readNBytes(length), StandardCharsets.UTF_8);
      }
    }
    return match;
  }
}
