package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.testing.Events;
import io.reflex.common.testing.Heap;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import io.vertx.core.http.WebSocketFrameType;
import io.vertx.core.http.impl.ws.WebSocketFrameImpl;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bad input at the gateway gets its documented error or close code, the server's heap stays
 * bounded, and every other client keeps being served.
 */
@ExtendWith(VertxExtension.class)
class BadInputTest {

  /**
   * Headroom over the heap in use at start: a case that buffered what it was sent would blow
   * through it.
   */
  private static final long HEAP_HEADROOM = 64L << 20;

  /**
   * The gateway answers a megabyte-sized message with 1009 as soon as the frame header shows its
   * size; a client still sending then usually has its connection reset by the kernel before it
   * reads that close frame, and sees 1006.
   */
  private static final Short[] CLOSED_AS_TOO_BIG = {1009, 1006};

  private static LocalGateway gateway;
  private static long baselineHeap;
  private static Vertx clients;
  private static int port;
  private WsTestClient bystander;

  @BeforeAll
  static void start(Vertx clientVertx) {
    gateway =
        LocalGateway.start(
            clientVertx,
            new JsonObject().put("ws", new JsonObject().put("maxEventsPerPublish", 10)));
    clients = gateway.clients();
    port = gateway.port();
    baselineHeap = Heap.usedAfterGc();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void connectBystander() {
    bystander = WsTestClient.connect(clients, port);
  }

  /** The well-behaved client on another connection is still served. */
  @AfterEach
  void bystanderStillServed() {
    LocalGateway.assertServed(bystander);
    bystander.close();
    assertThat(Heap.usedAfterGc()).isLessThan(baselineHeap + HEAP_HEADROOM);
  }

  private static short awaitClose(WsTestClient client) {
    long deadline = System.currentTimeMillis() + 10_000;
    while (client.closeStatus() == null && System.currentTimeMillis() < deadline) {
      MeshScenarios.sleep(20);
    }
    assertThat(client.closeStatus()).as("close code").isNotNull();
    return client.closeStatus();
  }

  private static JsonObject awaitError(WsTestClient client, String messageFragment) {
    return client.await(
        f ->
            f.getJsonObject("error") != null
                && f.getJsonObject("error")
                    .getString("message")
                    .toLowerCase()
                    .contains(messageFragment));
  }

  private static String errorCode(JsonObject frame) {
    assertThat(frame.getString("op")).isEqualTo("error");
    return frame.getJsonObject("error").getString("code");
  }

  @Test
  @DisplayName(
      "a subscribe with 'from' in fast mode, which keeps no output log, is answered unsupported")
  void resumeUnsupportedInFastMode() {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      JsonObject answer =
          client.request(
              new JsonObject()
                  .put("op", "subscribe")
                  .put("ref", "s")
                  .put("sub", "x")
                  .put(
                      "pattern",
                      new JsonObject().put("type", new JsonArray().add("reflex.anomaly.detected")))
                  .put("from", "earliest"));
      assertThat(errorCode(answer)).isEqualTo("unsupported");
      assertThat(
              client
                  .request(
                      new JsonObject()
                          .put("op", "subscribe")
                          .put("ref", "s2")
                          .put("sub", "x")
                          .put(
                              "pattern",
                              new JsonObject()
                                  .put("type", new JsonArray().add("reflex.anomaly.detected"))))
                  .getString("op"))
          .as("the same subscription without 'from'")
          .isEqualTo("subscribed");
    }
  }

  @Test
  @DisplayName("malformed frames are answered with an error and the connection stays open")
  void malformedFrames() {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      client.sendText("{\"op\": \"publish\", ");
      assertThat(errorCode(client.await(f -> true))).isEqualTo("invalid_json");
      client.sendText("[1, 2, 3]");
      assertThat(errorCode(client.await(f -> client.framesSoFar().indexOf(f) == 1)))
          .isEqualTo("invalid_frame");
      assertThat(
              errorCode(
                  client.request(new JsonObject().put("ref", "r1").put("events", new JsonArray()))))
          .isEqualTo("invalid_frame");
      assertThat(errorCode(client.request(new JsonObject().put("op", "explode").put("ref", "r2"))))
          .isEqualTo("unknown_op");
      assertThat(
              errorCode(
                  client.request(
                      new JsonObject().put("op", "publish").put("ref", "r3").put("events", "x"))))
          .isEqualTo("invalid_frame");
      JsonArray eleven = new JsonArray();
      for (int i = 0; i < 11; i++) {
        eleven.add(Events.event("many-" + i, "test.many", null, null));
      }
      JsonObject tooMany =
          client.request(
              new JsonObject().put("op", "publish").put("ref", "r4").put("events", eleven));
      assertThat(errorCode(tooMany)).isEqualTo("too_many_events");
      client.socket().writeBinaryMessage(Buffer.buffer("{}")).await();
      assertThat(
              errorCode(
                  client.await(
                      f ->
                          f.getJsonObject("error") != null
                              && f.getJsonObject("error").getString("message").contains("binary"))))
          .isEqualTo("invalid_frame");
      client.sendText("{" + "\"a\":{".repeat(100) + "}".repeat(101));
      assertThat(
              client
                  .await(
                      f ->
                          f.getJsonObject("error") != null
                              && f.getJsonObject("error")
                                  .getString("message")
                                  .toLowerCase()
                                  .contains("nesting"))
                  .getString("op"))
          .isEqualTo("error");
      assertThat(client.isClosed()).isFalse();
    }
  }

  @Test
  @DisplayName(
      "bad subscriptions are refused precisely: invalid pattern, duplicate name, unknown unsubscribe")
  void badSubscriptions() {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      JsonObject badPattern = new JsonObject().put("type", "not-an-array");
      assertThat(
              errorCode(
                  client.request(
                      new JsonObject()
                          .put("op", "subscribe")
                          .put("ref", 1)
                          .put("sub", "s")
                          .put("pattern", badPattern))))
          .isEqualTo("invalid_pattern");
      JsonObject good = new JsonObject().put("type", new JsonArray().add("x.y"));
      JsonObject subscribe =
          new JsonObject()
              .put("op", "subscribe")
              .put("ref", 2)
              .put("sub", "s")
              .put("pattern", good);
      assertThat(client.request(subscribe).getString("op")).isEqualTo("subscribed");
      assertThat(errorCode(client.request(subscribe.copy().put("ref", 3))))
          .isEqualTo("duplicate_subscription");
      assertThat(
              errorCode(
                  client.request(
                      new JsonObject().put("op", "unsubscribe").put("ref", 4).put("sub", "nope"))))
          .isEqualTo("unknown_subscription");
      assertThat(
              client
                  .request(new JsonObject().put("op", "unsubscribe").put("ref", 5).put("sub", "s"))
                  .getString("op"))
          .isEqualTo("unsubscribed");
    }
  }

  @Test
  @DisplayName("an oversize frame closes that connection with 1009")
  void oversizeFrame() {
    WsTestClient client = WsTestClient.connect(clients, port);
    client
        .socket()
        .writeFrame(WebSocketFrame.textFrame("{\"pad\":\"" + "x".repeat(70_000) + "\"}", true));
    long deadline = System.currentTimeMillis() + 10_000;
    while (client.closeStatus() == null && System.currentTimeMillis() < deadline) {
      MeshScenarios.sleep(20);
    }
    assertThat(client.closeStatus()).isEqualTo((short) 1009);
  }

  @Test
  @DisplayName(
      "a message above the size limit, sent as several frames each within the frame limit, closes with 1009")
  void oversizeMessage() {
    WsTestClient client = WsTestClient.connect(clients, port);
    String chunk = "x".repeat(60_000);
    client.socket().writeFrame(WebSocketFrame.textFrame("{\"pad\":\"" + chunk, false));
    for (int i = 0; i < 4; i++) {
      client.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer(chunk), false));
    }
    client.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"}"), true));
    long deadline = System.currentTimeMillis() + 10_000;
    while (client.closeStatus() == null && System.currentTimeMillis() < deadline) {
      MeshScenarios.sleep(20);
    }
    assertThat(client.closeStatus()).isEqualTo((short) 1009);
  }

  @Test
  @DisplayName(
      "HTTP POST /events answers per-event results in structured, batch and binary mode, and 400 for junk")
  void httpEvents() {
    WebClient http = WebClient.create(clients);
    try {
      String id = "h-" + UUID.randomUUID();
      JsonObject structured =
          http.post(port, "127.0.0.1", "/events")
              .putHeader("content-type", "application/cloudevents+json")
              .sendBuffer(Buffer.buffer(Events.event(id, "test.http", null, null).encode()))
              .await()
              .bodyAsJsonObject();
      assertThat(structured.getJsonArray("results").getJsonObject(0).getString("status"))
          .isEqualTo("accepted");

      JsonObject batch =
          http.post(port, "127.0.0.1", "/events")
              .putHeader("content-type", "application/cloudevents-batch+json")
              .sendBuffer(
                  Buffer.buffer(
                      new JsonArray()
                          .add(Events.event(id, "test.http", null, null))
                          .add(Events.event(id + "-2", "test.http", null, null))
                          .encode()))
              .await()
              .bodyAsJsonObject();
      assertThat(
              batch.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("status")))
          .containsExactly("duplicate", "accepted");

      JsonObject binary =
          http.post(port, "127.0.0.1", "/events")
              .putHeader("content-type", "application/json")
              .putHeader("ce-specversion", "1.0")
              .putHeader("ce-id", id + "-3")
              .putHeader("ce-source", "test://http")
              .putHeader("ce-type", "test.http")
              .sendBuffer(Buffer.buffer("{\"n\":1}"))
              .await()
              .bodyAsJsonObject();
      assertThat(binary.getJsonArray("results").getJsonObject(0).getString("status"))
          .isEqualTo("accepted");

      var junk =
          http.post(port, "127.0.0.1", "/events")
              .putHeader("content-type", "application/cloudevents+json")
              .sendBuffer(Buffer.buffer("{nope"))
              .await();
      assertThat(junk.statusCode()).isEqualTo(400);
      assertThat(junk.bodyAsJsonObject().getJsonObject("error").getString("code"))
          .isEqualTo("invalid_json");
    } finally {
      http.close();
    }
  }

  @Test
  @DisplayName("10,000 one-byte continuation frames make one message, answered like any other")
  void tinyContinuationFrames() {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      String text =
          new JsonObject()
              .put("op", "explode")
              .put("ref", "tiny")
              .put("pad", "x".repeat(10_000))
              .encode();
      client.socket().writeFrame(WebSocketFrame.textFrame(text.substring(0, 1), false));
      for (int i = 1; i < text.length(); i++) {
        client
            .socket()
            .writeFrame(
                WebSocketFrame.continuationFrame(
                    Buffer.buffer(text.substring(i, i + 1)), i == text.length() - 1));
      }
      assertThat(errorCode(client.await(f -> "tiny".equals(f.getValue("ref")))))
          .isEqualTo("unknown_op");
    }
  }

  @Test
  @DisplayName(
      "nesting 10,000 levels deep is refused at parse time (invalid_json); 1,000,000 levels close with 1009")
  void deepNesting() {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      client.sendText("[".repeat(10_000) + "]".repeat(10_000));
      assertThat(errorCode(awaitError(client, "nesting"))).isEqualTo("invalid_json");
      assertThat(client.isClosed()).isFalse();
    }
    WsTestClient client = WsTestClient.connect(clients, port);
    client.socket().writeTextMessage("[".repeat(1_000_000) + "]".repeat(1_000_000));
    assertThat(awaitClose(client)).isIn(CLOSED_AS_TOO_BIG);
  }

  @Test
  @DisplayName("a 1 MB string closes with 1009; a 10,000-digit number is refused at parse time")
  void hugeValues() {
    WsTestClient client = WsTestClient.connect(clients, port);
    client.socket().writeTextMessage("{\"op\":\"publish\",\"s\":\"" + "x".repeat(1 << 20) + "\"}");
    assertThat(awaitClose(client)).isIn(CLOSED_AS_TOO_BIG);
    try (WsTestClient numbers = WsTestClient.connect(clients, port)) {
      numbers.sendText("{\"op\":\"publish\",\"n\":" + "7".repeat(10_000) + "}");
      assertThat(errorCode(awaitError(numbers, "number"))).isEqualTo("invalid_json");
    }
  }

  @Test
  @DisplayName("invalid UTF-8 in a text frame closes with 1007")
  void invalidUtf8() {
    WsTestClient client = WsTestClient.connect(clients, port);
    byte[] broken = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    client.socket().writeFrame(new WebSocketFrameImpl(WebSocketFrameType.TEXT, broken, true));
    assertThat(awaitClose(client)).isEqualTo((short) 1007);
  }

  @Test
  @DisplayName(
      "events missing attributes are rejected naming the attribute; a repeated id is answered duplicate")
  void badEvents() {
    try (WsTestClient client = WsTestClient.connect(clients, port)) {
      JsonObject noSource = Events.event("m-" + UUID.randomUUID(), "test.bad", null, null);
      noSource.remove("source");
      JsonObject noType = Events.event("m-" + UUID.randomUUID(), "test.bad", null, null);
      noType.remove("type");
      JsonObject twice = Events.event("d-" + UUID.randomUUID(), "test.twice", null, null);
      JsonArray results =
          client
              .request(
                  new JsonObject()
                      .put("op", "publish")
                      .put("ref", "attrs")
                      .put(
                          "events",
                          new JsonArray().add(noSource).add(noType).add(twice).add(twice.copy())))
              .getJsonArray("results");
      assertThat(results.getJsonObject(0).getJsonObject("error").getString("code"))
          .isEqualTo("missing_attribute");
      assertThat(results.getJsonObject(0).getJsonObject("error").getString("message"))
          .contains("source");
      assertThat(results.getJsonObject(1).getJsonObject("error").getString("code"))
          .isEqualTo("missing_attribute");
      assertThat(results.getJsonObject(1).getJsonObject("error").getString("message"))
          .contains("type");
      assertThat(results.getJsonObject(2).getString("status")).isEqualTo("accepted");
      assertThat(results.getJsonObject(3).getString("status")).isEqualTo("duplicate");
    }
  }

  @Test
  @DisplayName(
      "a subscriber that never reads costs the server a bounded queue: pushes beyond it are dropped and counted")
  void neverReadingSubscriber() {
    WsTestClient slow = WsTestClient.connect(clients, port);
    assertThat(
            slow.request(
                    new JsonObject()
                        .put("op", "subscribe")
                        .put("ref", "s")
                        .put("sub", "hot")
                        .put(
                            "pattern",
                            new JsonObject().put("type", new JsonArray().add("iot.overheating"))))
                .getString("op"))
        .isEqualTo("subscribed");
    slow.socket().pause();
    long before = Heap.usedAfterGc();
    String subject = "temperature/slow-" + "x".repeat(8_000);
    int batches = 400;
    int perBatch = 6; // 6 events of 8 KB stay within the 64 KiB message limit
    try (WsTestClient sensor = WsTestClient.connect(clients, port)) {
      for (int b = 0; b < batches; b++) {
        JsonArray events = new JsonArray();
        for (int i = 0; i < perBatch; i++) {
          events.add(
              Events.metric("slow-" + UUID.randomUUID(), subject, 95.0, java.time.Instant.now()));
        }
        // Pipelined: the gateway's own in-flight limit paces the sensor.
        sensor
            .socket()
            .writeTextMessage(
                new JsonObject().put("op", "publish").put("ref", b).put("events", events).encode());
      }
      sensor.await(f -> Integer.valueOf(batches - 1).equals(f.getValue("ref")), 60_000);
    }
    long pushedBytes = (long) batches * perBatch * 2 * subject.length();
    long grown = Heap.usedAfterGc() - before;
    System.out.printf(
        "never-reading subscriber: %d bytes of pushes, heap grew by %d bytes%n",
        pushedBytes, grown);
    assertThat(pushedBytes).isGreaterThan(32L << 20);
    assertThat(grown)
        .as(
            "heap growth while %d bytes of pushes waited for a client that never reads",
            pushedBytes)
        .isLessThan(16L << 20);
    slow.socket().resume();
    try (WsTestClient sensor = WsTestClient.connect(clients, port)) {
      sensor.request(
          new JsonObject()
              .put("op", "publish")
              .put("ref", "after")
              .put(
                  "events",
                  new JsonArray()
                      .add(
                          Events.metric(
                              "slow-" + UUID.randomUUID(),
                              "temperature/after",
                              95.0,
                              java.time.Instant.now()))));
    }
    JsonObject dropped = slow.await(f -> "dropped".equals(f.getString("op")), 60_000);
    assertThat(dropped.getLong("count")).isPositive();
    slow.close();
  }
}
