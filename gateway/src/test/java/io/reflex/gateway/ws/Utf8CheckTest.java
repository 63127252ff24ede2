package io.reflex.gateway.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class Utf8CheckTest {

  private static WebSocketFrame text(byte[] bytes, boolean last) {
    return new WebSocketFrameImpl(WebSocketFrameType.TEXT, bytes, last);
  }

  private static WebSocketFrame more(byte[] bytes, boolean last) {
    return WebSocketFrame.continuationFrame(Buffer.buffer(bytes), last);
  }

  @Test
  @DisplayName("valid text passes, even with a character split across frames")
  void valid() {
    Utf8Check check = new Utf8Check();
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    assertThat(check.accept(text(new byte[] {'"', euro[0]}, false))).isTrue();
    assertThat(check.accept(more(new byte[] {euro[1], euro[2], '"'}, true))).isTrue();
    assertThat(check.accept(text("ok".getBytes(StandardCharsets.UTF_8), true))).isTrue();
  }

  @Test
  @DisplayName("malformed bytes, a truncated character and an unpaired surrogate are refused")
  void invalid() {
    assertThat(new Utf8Check().accept(text(new byte[] {(byte) 0xC3, (byte) 0x28}, true))).isFalse();
    assertThat(new Utf8Check().accept(text(new byte[] {'a', (byte) 0xE2, (byte) 0x82}, true)))
        .isFalse();
    assertThat(
            new Utf8Check().accept(text(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, true)))
        .isFalse();
    assertThat(
            new Utf8Check()
                .accept(WebSocketFrame.binaryFrame(Buffer.buffer(new byte[] {(byte) 0xFF}), true)))
        .isTrue();
  }
}
