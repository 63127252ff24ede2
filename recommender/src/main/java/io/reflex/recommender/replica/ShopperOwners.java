package io.reflex.recommender.replica;

import io.reflex.common.ops.MemberDirectory;
import io.reflex.common.placement.Rendezvous;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Which recommender replica pushes a shopper's recommendations. Every replica learns every event
 * (architecture.md section 3), so without this each one would push: one copy per replica to every
 * subscriber, and each copy routed again. The owner is chosen by rendezvous hashing over the
 * recommender members the cluster lists, so every replica that sees the same members picks the same
 * owner, and a member joining or leaving moves only its share of shoppers. The view is refreshed
 * periodically; while replicas disagree (up to one period after a change) a push can go out twice
 * or, for a replica that left, not at all.
 */
public final class ShopperOwners {
  private static final String SERVICE = "recommender";

  private final Vertx vertx;
  private final String self;
  private List<String> members;

  public ShopperOwners(Vertx vertx) {
    this.vertx = vertx;
    this.self = MemberDirectory.nodeId(vertx);
    this.members = List.of(self);
  }

  /** Refreshes the view now and then every {@code periodMillis}. */
  public Future<Void> start(long periodMillis) {
    vertx.setPeriodic(periodMillis, id -> refresh());
    return refresh();
  }

  private Future<Void> refresh() {
    return MemberDirectory.members(vertx)
        .map(
            all -> {
              List<String> nodes = new ArrayList<>();
              nodes.add(self); // this replica is caught up and running, whether or not its entry is
              // listed yet
              for (Object member : all) {
                JsonObject entry = (JsonObject) member;
                String node = entry.getString("node");
                if (!node.equals(self) && entry.getJsonArray("services").contains(SERVICE)) {
                  nodes.add(node);
                }
              }
              members = List.copyOf(nodes);
              return null;
            });
  }

  public boolean owns(String shopper) {
    return members.size() == 1 || Rendezvous.owner(shopper, members).equals(self);
  }
}
