package io.reflex.common.bus;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/** Length-prefixed UTF-8 text, the wire form our codecs share. */
final class WireText {

  private WireText() {}

  static void write(Buffer buffer, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    buffer.appendInt(bytes.length).appendBytes(bytes);
  }

  static String read(int pos, Buffer buffer) {
    int length = buffer.getInt(pos);
    return buffer.getString(pos + 4, pos + 4 + length, "UTF-8");
  }
}
