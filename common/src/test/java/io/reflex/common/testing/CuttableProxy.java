package io.reflex.common.testing;

import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of the gateway whose connections a test can cut, as a network
 * failure would.
 */
public final class CuttableProxy {

  private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final NetServer server;

  public CuttableProxy(Vertx vertx, int targetPort) {
    var upstream = vertx.createNetClient();
    server =
        vertx
            .createNetServer()
            .connectHandler(
                client -> {
                  connections.incrementAndGet();
                  client.pause();
                  upstream
                      .connect(targetPort, "127.0.0.1")
                      .onSuccess(
                          gateway -> {
                            sockets.add(client);
                            sockets.add(gateway);
                            client.pipeTo(gateway);
                            gateway.pipeTo(client);
                            client.resume();
                          })
                      .onFailure(e -> client.close());
                });
    server.listen(0, "127.0.0.1").await();
  }

  public int port() {
    return server.actualPort();
  }

  public int connectionsSoFar() {
    return connections.get();
  }

  public void cutAll() {
    sockets.forEach(NetSocket::close);
    sockets.clear();
  }
}
