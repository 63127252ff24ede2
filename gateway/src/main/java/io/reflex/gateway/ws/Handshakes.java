package io.reflex.gateway.ws;

import io.reflex.gateway.auth.Authenticator;
import io.reflex.gateway.auth.Credentials;
import io.reflex.gateway.auth.OriginPolicy;
import io.reflex.gateway.auth.Principal;
import io.reflex.gateway.limits.AddressCaps;
import io.reflex.gateway.limits.ClientBuckets;
import io.reflex.gateway.limits.HandshakeTimeouts;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.HashMap;
import java.util.Map;

/**
 * Decides every WebSocket upgrade before it happens: 404 off {@code /ws}, 403 for a foreign {@code
 * Origin}, 401 without a valid credential, 403 without the scope to publish or subscribe, 429 when
 * the client address already holds its maximum of connections. An admitted client's principal is
 * handed to the connection once the upgrade completes.
 */
public final class Handshakes {

  private final Authenticator authenticator;
  private final OriginPolicy origins;
  private final AddressCaps caps;
  private final WebSocketEndpoint endpoint;
  private final HandshakeTimeouts timeouts;

  /** Keyed by the peer's host:port, unique to one TCP connection, which can be upgraded once. */
  private final Map<String, Admitted> admitted = new HashMap<>();

  public Handshakes(
      Authenticator authenticator,
      OriginPolicy origins,
      AddressCaps caps,
      WebSocketEndpoint endpoint,
      HandshakeTimeouts timeouts) {
    this.authenticator = authenticator;
    this.origins = origins;
    this.caps = caps;
    this.endpoint = endpoint;
    this.timeouts = timeouts;
  }

  public void handshake(ServerWebSocketHandshake handshake) {
    timeouts.started(handshake.remoteAddress());
    if (!"/ws".equals(handshake.path())) {
      reject(handshake, 404);
      return;
    }
    if (!origins.admits(handshake.headers().get(HttpHeaders.ORIGIN), handshake.authority())) {
      reject(handshake, 403);
      return;
    }
    authenticator
        .authenticate(Credentials.from(handshake.headers(), handshake.query()))
        .onComplete(
            done -> {
              if (done.failed()) {
                reject(handshake, 401);
                return;
              }
              Principal principal = done.result();
              if (!principal.may(Principal.PUBLISH) && !principal.may(Principal.SUBSCRIBE)) {
                reject(handshake, 403);
                return;
              }
              String address = handshake.remoteAddress().hostAddress();
              if (!caps.tryOpen(address)) {
                reject(handshake, 429);
                return;
              }
              String peer = handshake.remoteAddress().toString();
              admitted.put(peer, new Admitted(principal, address));
              timeouts.upgraded(handshake.remoteAddress());
              handshake
                  .accept()
                  .onFailure(
                      e -> {
                        if (admitted.remove(peer) != null) {
                          caps.closed(address);
                        }
                      });
            });
  }

  /**
   * A refused upgrade is an answered request: a connection kept alive waits for its next one under
   * the timeout.
   */
  private void reject(ServerWebSocketHandshake handshake, int status) {
    handshake.reject(status).onComplete(done -> timeouts.ended(handshake.remoteAddress()));
  }

  public void connected(ServerWebSocket socket) {
    Admitted client = admitted.remove(socket.remoteAddress().toString());
    if (client == null) {
      socket.close((short) 1008, "not admitted");
      return;
    }
    endpoint.accept(
        socket,
        client.principal(),
        ClientBuckets.clientOf(client.principal(), client.address()),
        () -> caps.closed(client.address()));
  }

  private record Admitted(Principal principal, String address) {}
}
