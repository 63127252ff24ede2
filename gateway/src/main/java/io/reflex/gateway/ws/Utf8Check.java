package io.reflex.gateway.ws;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks that text messages are valid UTF-8 as their frames arrive (RFC 6455 §8.1 asks for 1007
 * otherwise). Vert.x decodes text leniently, replacing bad bytes, and its server pipeline has no
 * validator; a character split across frames is carried over to the next one.
 */
final class Utf8Check {

  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);
  private boolean inText;
  private byte[] carry = new byte[0];

  /**
   * @return false when the frame makes its text message invalid UTF-8
   */
  boolean accept(WebSocketFrame frame) {
    if (frame.isText() && frame.isFinal() && isAscii(frame.binaryData())) {
      inText =
          false; // a whole message in one frame, all ASCII (nearly every event): valid, nothing
      // copied
      return true;
    }
    if (frame.isText()) {
      inText = true;
      carry = new byte[0];
      decoder.reset();
    } else if (!frame.isContinuation() || !inText) {
      return true;
    }
    byte[] data = frame.binaryData().getBytes();
    ByteBuffer in = ByteBuffer.allocate(carry.length + data.length).put(carry).put(data).flip();
    CoderResult result = decoder.decode(in, CharBuffer.allocate(in.remaining()), frame.isFinal());
    if (result.isError() || (frame.isFinal() && decoder.flush(CharBuffer.allocate(2)).isError())) {
      return false;
    }
    carry = new byte[in.remaining()];
    in.get(carry);
    if (frame.isFinal()) {
      inText = false;
      if (carry.length > 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAscii(Buffer data) {
    for (int i = 0, length = data.length(); i < length; i++) {
      if (data.getByte(i) < 0) {
        return false;
      }
    }
    return true;
  }
}
