package io.reflex.bench;

import io.reflex.common.launch.ClusterSettings;
import io.reflex.common.state.StateSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;

/**
 * The baselines, each in its own JVM like the mesh it is compared with, so the same client measures
 * both:
 *
 * <ul>
 *   <li>{@code ws PORT}: a bare Vert.x WebSocket server that writes every text frame back (the
 *       framework floor);
 *   <li>{@code bus-front PORT HZPORT MEMBERS NAME}: the same WebSocket server, but each frame makes
 *       a round trip over the clustered event bus to {@code bus-back} before it is written back
 *       (the cluster floor);
 *   <li>{@code bus-back HZPORT MEMBERS NAME}: the other JVM of that round trip, replying with the
 *       body it got.
 * </ul>
 *
 * Server options match the gateway's: no compression, the same frame limits.
 */
public final class EchoServer {

  static final String ADDRESS = "bench.echo";

  private EchoServer() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "ws" -> webSocket(Vertx.vertx(), Integer.parseInt(args[1]), false).await();
      case "bus-front" ->
          cluster(args[2], args[3], args[4])
              .compose(vertx -> webSocket(vertx, Integer.parseInt(args[1]), true))
              .await();
      case "bus-back" ->
          cluster(args[1], args[2], args[3])
              .compose(
                  vertx ->
                      vertx
                          .eventBus()
                          .<String>consumer(ADDRESS, m -> m.reply(m.body()))
                          .completion())
              .await();
      default ->
          throw new IllegalArgumentException(
              "usage: ws PORT | bus-front PORT HZPORT MEMBERS NAME"
                  + " | bus-back HZPORT MEMBERS NAME");
    }
    System.out.println("echo ready: " + String.join(" ", args));
  }

  private static Future<Void> webSocket(Vertx vertx, int port, boolean viaBus) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost("127.0.0.1")
            .setPort(port)
            .setPerFrameWebSocketCompressionSupported(false)
            .setPerMessageWebSocketCompressionSupported(false);
    return vertx
        .createHttpServer(options)
        .webSocketHandler(
            socket ->
                socket.textMessageHandler(
                    text -> {
                      if (viaBus) {
                        vertx
                            .eventBus()
                            .<String>request(ADDRESS, text)
                            .onSuccess(reply -> socket.writeTextMessage(reply.body()));
                      } else {
                        socket.writeTextMessage(text);
                      }
                    }))
        .listen()
        .mapEmpty();
  }

  private static Future<Vertx> cluster(String hazelcastPort, String members, String name) {
    JsonObject cluster =
        new JsonObject()
            .put("name", name)
            .put("host", "127.0.0.1")
            .put("port", Integer.parseInt(hazelcastPort))
            .put("members", members);
    VertxOptions options = new VertxOptions();
    options.getEventBusOptions().setHost("127.0.0.1");
    return Vertx.builder()
        .with(options)
        .withClusterManager(
            new HazelcastClusterManager(
                ClusterSettings.hazelcast(cluster, StateSettings.none(), false)))
        .buildClustered();
  }
}
