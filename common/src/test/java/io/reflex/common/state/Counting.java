package io.reflex.common.state;

import java.nio.ByteBuffer;

/**
 * A counter entry: each update adds one, answers the count it reached and asks for the given wake
 * (none by default). Test fixture for both stores.
 */
final class Counting implements StateUpdate<Integer> {

  private final Wake wake;

  Counting() {
    this(null);
  }

  Counting(Wake wake) {
    this.wake = wake;
  }

  @Override
  public StateChange<Integer> apply(byte[] current) {
    int next = value(current) + 1;
    return new StateChange<>(ByteBuffer.allocate(4).putInt(next).array(), next, wake);
  }

  static int value(byte[] bytes) {
    return bytes == null ? 0 : ByteBuffer.wrap(bytes).getInt();
  }
}
