package io.reflex.common.launch;

import com.hazelcast.cluster.Member;
import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Completable;
import io.vertx.core.Vertx;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * The cluster manager of a process whose services keep no state (gateway, ingestion, router): a
 * Hazelcast lite member. Vert.x keeps its own maps in Hazelcast, which lite members alone cannot
 * hold, so such a process joins Hazelcast first and waits inside the cluster for a data member
 * (anomaly or recommender) before Vert.x uses it.
 *
 * <p>Waiting inside matters. Lite members that left and joined again to retry kept handing the
 * cluster's mastership around, and a data member trying to join restarted its join each time: once
 * for 145 s in CI, once past the 120 s a lite member waits.
 *
 * <p>Vert.x does not shut down a Hazelcast instance it was handed, so this manager does once Vert.x
 * has left the cluster.
 */
final class LiteMemberClusterManager extends HazelcastClusterManager {

  private static final Logger LOG = Logger.getLogger(LiteMemberClusterManager.class.getName());

  /** The member attribute Vert.x reads its node id from when it did not start Hazelcast itself. */
  private static final String NODE_ID = "__vertx.nodeId";

  private final HazelcastInstance instance;
  private Vertx vertx;

  private LiteMemberClusterManager(HazelcastInstance instance) {
    super(instance);
    this.instance = instance;
  }

  /**
   * Joins as a lite member and returns once a data member is in the cluster. Blocks the calling
   * thread: call it before Vert.x exists.
   *
   * @throws TimeoutException when no data member joins within {@code wait}; this member has left
   */
  static LiteMemberClusterManager join(Config config, Duration wait)
      throws TimeoutException, InterruptedException {
    // What the stock manager sets on a configuration it starts Hazelcast with: Vert.x shuts the
    // member down in order when it closes, and it finds its node id in the member's attributes.
    config.setProperty("hazelcast.shutdownhook.enabled", "false");
    config.getMemberAttributeConfig().setAttribute(NODE_ID, UUID.randomUUID().toString());
    HazelcastInstance instance = Hazelcast.newHazelcastInstance(config);
    try {
      awaitDataMember(instance, wait);
    } catch (TimeoutException | InterruptedException | RuntimeException e) {
      instance.shutdown();
      throw e;
    }
    return new LiteMemberClusterManager(instance);
  }

  private static void awaitDataMember(HazelcastInstance instance, Duration wait)
      throws TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    boolean told = false;
    while (instance.getCluster().getMembers().stream().allMatch(Member::isLiteMember)) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            "no data member (anomaly or recommender) joined the cluster within "
                + wait.toSeconds()
                + " s (cluster.dataMemberWaitSeconds)");
      }
      if (!told) {
        LOG.info(
            "no data member (anomaly or recommender) in the cluster yet; waiting for one, up to "
                + wait.toSeconds()
                + " s");
        told = true;
      }
      Thread.sleep(100);
    }
  }

  @Override
  public void init(Vertx vertx) {
    super.init(vertx);
    this.vertx = vertx;
  }

  @Override
  public void leave(Completable<Void> done) {
    super.leave(
        (left, failure) ->
            vertx
                .executeBlocking(
                    () -> {
                      instance.shutdown();
                      return null;
                    })
                .onComplete(shutDown -> done.complete(left, failure)));
  }
}
