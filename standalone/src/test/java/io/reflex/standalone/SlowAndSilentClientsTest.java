package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reflex.common.testing.PrometheusText;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Clients that are slow or silent on purpose, through raw sockets: a request head dribbled byte by
 * byte or never sent is cut by the handshake timeout, a WebSocket that never answers pings by the
 * read-idle timeout, while a WebSocket that only answers pings stays, and a well-behaved client on
 * another connection is served throughout. The read-idle timeout would cut a slow head too (it
 * counts whole heads and frames, not bytes), so the gateway's counter of handshake timeouts tells
 * which of the two did.
 */
@ExtendWith(VertxExtension.class)
class SlowAndSilentClientsTest {

  private static final int HANDSHAKE_TIMEOUT_SECONDS = 2;
  private static final int READ_IDLE_TIMEOUT_SECONDS = 4;

  /** Far beyond both timeouts: a connection still open by then was not cut. */
  private static final long CUT_WITHIN_MS = 20_000;

  /** A dribbling client sends a byte this often, far more often than the read-idle timeout. */
  private static final long DRIBBLE_MS = 200;

  private static LocalGateway gateway;
  private static int port;
  private WsTestClient bystander;

  @BeforeAll
  static void start(Vertx clientVertx) {
    gateway =
        LocalGateway.start(
            clientVertx,
            new JsonObject()
                .put(
                    "limits",
                    new JsonObject()
                        .put("handshakeTimeoutSeconds", HANDSHAKE_TIMEOUT_SECONDS)
                        .put("readIdleTimeoutSeconds", READ_IDLE_TIMEOUT_SECONDS)
                        .put("pingIntervalSeconds", 1)));
    port = gateway.port();
  }

  @AfterAll
  static void stop() {
    gateway.close();
  }

  @BeforeEach
  void connectBystander() {
    bystander = WsTestClient.connect(gateway.clients(), port);
  }

  /**
   * Idle between its requests but answering pings (as Vert.x does), the bystander outlives every
   * case.
   */
  @AfterEach
  void bystanderStillServed() {
    LocalGateway.assertServed(bystander);
    bystander.close();
  }

  /**
   * Sends {@code head} a byte at a time, then headers without end, until the server closes the
   * connection or {@link #CUT_WITHIN_MS} passes; the bystander is asked for an ack while the
   * dribble goes on.
   */
  private boolean dribbleUntilCut(RawConnection connection, String head) {
    byte[] start = head.getBytes(StandardCharsets.US_ASCII);
    long deadline = System.currentTimeMillis() + CUT_WITHIN_MS;
    boolean bystanderAsked = false;
    for (int i = 0; System.currentTimeMillis() < deadline; i++) {
      byte next =
          i < start.length
              ? start[i]
              : (byte) ("X-Pad: slowly\r\n".charAt((i - start.length) % 15));
      try {
        connection.write(new byte[] {next});
      } catch (RuntimeException reset) {
        return true;
      }
      if (connection.closedByServer(DRIBBLE_MS)) {
        return true;
      }
      if (!bystanderAsked && i == 3) {
        bystanderAsked = true;
        LocalGateway.assertServed(bystander);
      }
    }
    return false;
  }

  @Test
  @DisplayName(
      "an upgrade request dribbled a byte at a time is cut by the handshake timeout, though bytes keep coming")
  void dribbledUpgradeIsCut() {
    double before = handshakeTimeouts();
    try (RawConnection slow = RawConnection.open(port)) {
      assertThat(
              dribbleUntilCut(
                  slow,
                  "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                      + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"))
          .as("the server cut the connection")
          .isTrue();
    }
    assertCutByHandshakeTimeout(before);
  }

  @Test
  @DisplayName("a connection that never sends a byte is cut by the handshake timeout")
  void silentConnectionIsCut() {
    double before = handshakeTimeouts();
    try (RawConnection silent = RawConnection.open(port)) {
      assertThat(silent.closedByServer(CUT_WITHIN_MS)).as("the server cut the connection").isTrue();
    }
    assertCutByHandshakeTimeout(before);
  }

  @Test
  @DisplayName(
      "a kept-alive HTTP connection is answered, then cut by the handshake timeout when it dribbles its next request")
  void keptAliveConnectionDribblingItsNextRequestIsCut() {
    double before = handshakeTimeouts();
    try (RawConnection keptAlive = RawConnection.open(port)) {
      keptAlive.write(
          ("GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      assertThat(keptAlive.readHead()).startsWith("HTTP/1.1 200");
      assertThat(dribbleUntilCut(keptAlive, "GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n"))
          .as("the server cut the connection")
          .isTrue();
    }
    assertCutByHandshakeTimeout(before);
  }

  @Test
  @DisplayName(
      "a WebSocket that never answers pings and sends nothing is pinged, then dropped by the read-idle timeout")
  void webSocketIgnoringPingsIsDropped() throws Exception {
    try (RawConnection deaf = RawConnection.webSocket(port)) {
      int pings = 0;
      long deadline = System.currentTimeMillis() + CUT_WITHIN_MS;
      RawConnection.Frame frame;
      while ((frame = readOrTimeOut(deaf, deadline)) != null) {
        assertThat(frame.opcode())
            .as("the gateway only pings a silent client")
            .isEqualTo(RawConnection.PING);
        pings++;
      }
      assertThat(System.currentTimeMillis())
          .as("the server dropped the connection")
          .isLessThan(deadline);
      assertThat(pings).isPositive();
    }
  }

  private static RawConnection.Frame readOrTimeOut(RawConnection connection, long deadline)
      throws Exception {
    try {
      return connection.readFrame(Math.max(1, deadline - System.currentTimeMillis()));
    } catch (SocketTimeoutException e) {
      return null;
    }
  }

  @Test
  @DisplayName(
      "a WebSocket that answers pings but sends nothing else stays open past several read-idle timeouts")
  void webSocketAnsweringPingsStays() throws Exception {
    try (RawConnection quiet = RawConnection.webSocket(port)) {
      long until = System.currentTimeMillis() + 3L * READ_IDLE_TIMEOUT_SECONDS * 1000;
      int pongs = 0;
      while (System.currentTimeMillis() < until) {
        RawConnection.Frame frame = quiet.readFrame(CUT_WITHIN_MS);
        assertThat(frame).as("the connection is still open").isNotNull();
        assertThat(frame.opcode()).isEqualTo(RawConnection.PING);
        quiet.send(RawConnection.PONG, frame.payload());
        pongs++;
      }
      assertThat(pongs).isGreaterThan(1);
      quiet.send(
          RawConnection.TEXT,
          LocalGateway.publishOne("after-pongs").encode().getBytes(StandardCharsets.UTF_8));
      RawConnection.Frame answer;
      do {
        answer = quiet.readFrame(CUT_WITHIN_MS);
        assertThat(answer).as("the connection is still open").isNotNull();
      } while (answer.opcode() == RawConnection.PING);
      assertThat(new JsonObject(answer.text()).getString("op")).isEqualTo("ack");
    }
  }

  /**
   * The gateway counts the cut as it closes the connection; the test may see the close before the
   * count.
   */
  private static void assertCutByHandshakeTimeout(double before) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(handshakeTimeouts())
                    .as("cut by the handshake timeout")
                    .isGreaterThan(before));
  }

  private static double handshakeTimeouts() {
    WebClient http = WebClient.create(gateway.clients());
    try {
      String metrics = http.get(port, "127.0.0.1", "/metrics").send().await().bodyAsString();
      return PrometheusText.sum(metrics, "reflex_gateway_handshake_timeouts_total");
    } finally {
      http.close();
    }
  }
}
