package io.reflex.common.bus;

import io.vertx.core.eventbus.MessageCodec;

/**
 * A codec for an immutable body: passed by reference inside a JVM (no copy), encoded only when it
 * crosses nodes.
 */
abstract class ReferenceCodec<T> implements MessageCodec<T, T> {

  private final String name;

  ReferenceCodec(String name) {
    this.name = name;
  }

  @Override
  public final T transform(T body) {
    return body;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final byte systemCodecID() {
    return -1;
  }
}
