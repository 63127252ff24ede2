package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.Events;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Seeded fuzzing of the gateway's frame and event parsing through a real socket: mutated frames
 * (flipped, dropped, duplicated and inserted bytes, truncations, splices) may be refused or close
 * their connection with a protocol code, but never crash the gateway or make it fail internally
 * (1011), and a well-behaved client is served throughout.
 */
@ExtendWith(VertxExtension.class)
class FrameFuzzTest {

  private static final long SEED = 20_261_124L;
  private static final int MAX_FRAMES = 3_000;
  private static final long MAX_MILLIS = 20_000;

  /**
   * Close codes a hostile frame may earn: protocol error, invalid UTF-8, policy (rate limit), too
   * big.
   */
  private static final Set<Short> EXPECTED_CLOSES =
      Set.of((short) 1002, (short) 1007, (short) 1008, (short) 1009);

  @Test
  @DisplayName(
      "thousands of mutated frames never crash the gateway or stop it serving a well-behaved client")
  void fuzz(Vertx clients) {
    try (LocalGateway gateway = LocalGateway.start(clients, new JsonObject())) {
      int port = gateway.port();
      WsTestClient bystander = WsTestClient.connect(clients, port);
      Random random = new Random(SEED);
      List<String> seeds = seedFrames();
      WsTestClient fuzzer = WsTestClient.connect(clients, port);
      int sent = 0;
      int reconnects = 0;
      long deadline = System.currentTimeMillis() + MAX_MILLIS;
      while (sent < MAX_FRAMES && System.currentTimeMillis() < deadline) {
        if (fuzzer.isClosed()) {
          // The socket reports closed a moment before its close handler has recorded the code.
          long closing = System.currentTimeMillis() + 5_000;
          while (fuzzer.closeStatus() == null && System.currentTimeMillis() < closing) {
            MeshScenarios.sleep(5);
          }
          assertThat(fuzzer.closeStatus())
              .as("close code after frame %d", sent)
              .isIn(EXPECTED_CLOSES);
          fuzzer = WsTestClient.connect(clients, port);
          reconnects++;
        }
        byte[] frame =
            mutate(
                seeds.get(random.nextInt(seeds.size())).getBytes(StandardCharsets.UTF_8), random);
        fuzzer.socket().writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, frame, true));
        sent++;
        if (sent % 100 == 0) {
          LocalGateway.assertServed(bystander);
        }
      }
      assertThat(sent).isGreaterThan(500);
      LocalGateway.assertServed(bystander);
      System.out.printf("fuzz: %d frames, %d reconnects, seed %d%n", sent, reconnects, SEED);
      fuzzer.close();
      bystander.close();
    }
  }

  private static List<String> seedFrames() {
    JsonObject event =
        Events.event(
            "fz-1",
            "test.fuzz",
            "s/1",
            new JsonObject()
                .put("value", 1.5)
                .put("tags", new JsonArray().add("a").add(true).addNull()));
    return List.of(
        new JsonObject()
            .put("op", "publish")
            .put("ref", 1)
            .put("events", new JsonArray().add(event))
            .encode(),
        new JsonObject()
            .put("op", "subscribe")
            .put("ref", 2)
            .put("sub", "s")
            .put(
                "pattern",
                new JsonObject()
                    .put("type", new JsonArray().add("x"))
                    .put(
                        "data",
                        new JsonObject()
                            .put(
                                "n",
                                new JsonArray()
                                    .add(
                                        new JsonObject()
                                            .put("numeric", new JsonArray().add(">").add(3))))))
            .encode(),
        new JsonObject().put("op", "unsubscribe").put("ref", 3).put("sub", "s").encode(),
        "[{\"op\":\"publish\"}]");
  }

  /**
   * One to four mutations; most results stay valid UTF-8, some do not (the codec must refuse those
   * with 1007).
   */
  private static byte[] mutate(byte[] seed, Random random) {
    byte[] bytes = seed.clone();
    for (int m = 1 + random.nextInt(4); m > 0; m--) {
      if (bytes.length == 0) {
        bytes = new byte[] {'{'};
      }
      int at = random.nextInt(Math.max(1, bytes.length));
      switch (random.nextInt(6)) {
        case 0 -> bytes[at] = (byte) random.nextInt(256);
        case 1 -> bytes[at] = (byte) "{}[]\",:0123456789eE.-+tfn \\".charAt(random.nextInt(27));
        case 2 -> bytes = java.util.Arrays.copyOf(bytes, at);
        case 3 ->
            bytes =
                splice(bytes, at, "[".repeat(random.nextInt(64)).getBytes(StandardCharsets.UTF_8));
        case 4 ->
            bytes =
                splice(
                    bytes,
                    at,
                    java.util.Arrays.copyOfRange(
                        bytes, at, Math.min(bytes.length, at + random.nextInt(32))));
        default ->
            bytes =
                splice(bytes, at, "\\u0000\\ud800\"op\":9e999,".getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes;
  }

  private static byte[] splice(byte[] bytes, int at, byte[] inserted) {
    byte[] out = new byte[bytes.length + inserted.length];
    System.arraycopy(bytes, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(bytes, at, out, at + inserted.length, bytes.length - at);
    return out;
  }
}
