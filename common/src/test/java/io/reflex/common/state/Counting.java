package io.reflex.common.state;

import java.nio.ByteBuffer;

/** A counter entry: each update adds one and answers the count it reached (test fixture for both stores). */
final class Counting implements StateUpdate<Integer> {

  @Override
  public StateChange<Integer> apply(byte[] current) {
    int next = value(current) + 1;
    return new StateChange<>(ByteBuffer.allocate(4).putInt(next).array(), next);
  }

  static int value(byte[] bytes) {
    return bytes == null ? 0 : ByteBuffer.wrap(bytes).getInt();
  }
}
