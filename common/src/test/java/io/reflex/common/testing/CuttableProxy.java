package io.reflex.common.testing;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP relay in front of the gateway whose connections a test can cut, as a network
 * failure would. Given several gateways it is the load balancer in front of their replicas: each
 * new connection goes to the first one that accepts it, so clients of a dead gateway reconnect to
 * the next.
 */
public final class CuttableProxy {

  private final List<NetSocket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final NetServer server;

  public CuttableProxy(Vertx vertx, int... targetPorts) {
    NetClient upstream = vertx.createNetClient();
    server =
        vertx
            .createNetServer()
            .connectHandler(
                client -> {
                  connections.incrementAndGet();
                  client.pause();
                  firstAccepting(upstream, targetPorts, 0)
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

  private static Future<NetSocket> firstAccepting(NetClient upstream, int[] ports, int index) {
    Future<NetSocket> connecting = upstream.connect(ports[index], "127.0.0.1");
    return index + 1 == ports.length
        ? connecting
        : connecting.recover(refused -> firstAccepting(upstream, ports, index + 1));
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
