package io.reflex.common.ops;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.cluster.ClusterManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which services run on which mesh member: each member records its services in a cluster-wide map
 * when it starts, and readers keep only the entries of members the cluster manager still lists, so
 * a member that died drops out without having to clean up after itself.
 */
public final class MemberDirectory {

  private static final String MAP = "reflex.members";
  private static final String STANDALONE_NODE = "standalone";

  private MemberDirectory() {}

  public static Future<Void> register(Vertx vertx, List<String> services) {
    String node = nodeId(vertx);
    JsonObject entry =
        new JsonObject()
            .put("node", node)
            .put("services", new JsonArray(services))
            .put("since", Instant.now().toString());
    return vertx
        .sharedData()
        .<String, JsonObject>getAsyncMap(MAP)
        .compose(map -> map.put(node, entry));
  }

  /**
   * The live members, each {@code {node, services, since, self}}; {@code self} marks the member
   * answering.
   */
  public static Future<JsonArray> members(Vertx vertx) {
    ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
    String self = nodeId(vertx);
    List<String> live = cluster == null ? List.of(self) : cluster.getNodes();
    return vertx
        .sharedData()
        .<String, JsonObject>getAsyncMap(MAP)
        .compose(map -> map.entries())
        .map(
            entries -> {
              JsonArray members = new JsonArray();
              live.stream()
                  .sorted()
                  .forEach(
                      node -> {
                        JsonObject entry = entries.get(node);
                        JsonObject member =
                            entry == null
                                ? new JsonObject()
                                    .put("node", node)
                                    .put("services", new JsonArray())
                                : entry.copy();
                        members.add(member.put("self", node.equals(self)));
                      });
              return members;
            });
  }

  /** The node ids of the live members that run {@code service}, sorted. */
  public static Future<List<String>> replicas(Vertx vertx, String service) {
    return members(vertx)
        .map(
            members -> {
              List<String> nodes = new ArrayList<>();
              for (int i = 0; i < members.size(); i++) {
                JsonObject member = members.getJsonObject(i);
                if (member.getJsonArray("services").contains(service)) {
                  nodes.add(member.getString("node"));
                }
              }
              return List.copyOf(nodes);
            });
  }

  /** This member's node id as {@link #members} lists it. */
  public static String nodeId(Vertx vertx) {
    ClusterManager cluster = ((VertxInternal) vertx).clusterManager();
    return cluster == null ? STANDALONE_NODE : cluster.getNodeId();
  }
}
