package io.reflex.gateway.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;

/**
 * Cuts a connection that does not send a complete request head (an HTTP request or a WebSocket
 * upgrade) within the handshake timeout: counted from when it opens, and again whenever it has been
 * answered everything it asked and waits idle for its next request (keep-alive). The read-idle
 * timeout would cut such a client too, but it is sized for open WebSockets (longer than the ping
 * interval, a minute by default); a head is due within seconds, and every connection a slow or
 * silent client holds for a minute is one a real client cannot have (slowloris). An upgraded
 * WebSocket leaves this watch: pings and the read-idle timeout keep it honest from then on. The TLS
 * handshake before all this has its own limit ({@code HttpServerOptions#setSslHandshakeTimeout}).
 *
 * <p>Connections are keyed by the peer's host:port, unique to one open TCP connection and the only
 * identity a WebSocket handshake exposes. Everything runs on the gateway's event loop.
 */
public final class HandshakeTimeouts {

  private final Vertx vertx;
  private final long timeoutMs;
  private final Counter cut;
  private final Map<String, Waiting> connections = new HashMap<>();

  public HandshakeTimeouts(Vertx vertx, int timeoutSeconds, MeterRegistry meters) {
    this.vertx = vertx;
    this.timeoutMs = timeoutSeconds * 1000L;
    this.cut = Counter.builder("reflex_gateway_handshake_timeouts").register(meters);
  }

  /** A connection opened: its first request head must arrive in time. */
  public void opened(HttpConnection connection) {
    String peer = connection.remoteAddress().toString();
    Waiting waiting = new Waiting(connection);
    connections.put(peer, waiting);
    connection.closeHandler(
        v -> {
          Waiting closed = connections.remove(peer);
          if (closed != null) {
            closed.disarm();
          }
        });
    waiting.arm();
  }

  /**
   * Guards the router's requests: the head has arrived; the connection waits for the next once this
   * one is answered.
   */
  public void request(RoutingContext ctx) {
    SocketAddress peer = ctx.request().remoteAddress();
    started(peer);
    ctx.addEndHandler(done -> ended(peer));
    ctx.next();
  }

  /** An upgrade request arrived on the connection. */
  public void started(SocketAddress peer) {
    Waiting waiting = connections.get(peer.toString());
    if (waiting != null) {
      waiting.inFlight++;
      waiting.disarm();
    }
  }

  /**
   * A request (or a refused upgrade) was answered; with nothing else in flight the connection is
   * idle again.
   */
  public void ended(SocketAddress peer) {
    Waiting waiting = connections.get(peer.toString());
    if (waiting != null && --waiting.inFlight == 0) {
      waiting.arm();
    }
  }

  /** The connection is a WebSocket now; it sends no more request heads. */
  public void upgraded(SocketAddress peer) {
    Waiting waiting = connections.remove(peer.toString());
    if (waiting != null) {
      waiting.disarm();
    }
  }

  private final class Waiting {
    private final HttpConnection connection;
    private int inFlight;
    private long timer = -1;

    Waiting(HttpConnection connection) {
      this.connection = connection;
    }

    void arm() {
      disarm();
      timer =
          vertx.setTimer(
              timeoutMs,
              t -> {
                timer = -1;
                cut.increment();
                connection.close();
              });
    }

    void disarm() {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
        timer = -1;
      }
    }
  }
}
