package io.reflex.common.launch;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import io.vertx.core.Context;
import io.vertx.core.Deployable;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.internal.deployment.DeploymentContext;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Chooses the event loop each service's verticle runs on when one process runs several services.
 *
 * <p>Vert.x hands each deployment the next event loop of its group, round robin, counting whatever
 * else took one meanwhile: with one loop per core on two cores, the standalone mesh had the
 * gateway, the router and the anomaly service on one loop, and that core did nine tenths of the
 * work while the other idled (BENCHMARKS.md, "Issue #15"). Here a service that serves clients gets
 * a loop of its own and the other services share the remaining loops, round robin; with one loop
 * all share it. Vert.x has no public way to ask for a loop, so the group's round robin is advanced
 * until the wanted loop comes next (through Vert.x's internal API); a deployment that still lands
 * elsewhere (something else took a loop at that instant) runs correctly, only less evenly, and is
 * logged.
 */
final class ServicePlacement {

  private static final Logger LOG = Logger.getLogger(ServicePlacement.class.getName());

  private final VertxInternal vertx;
  private final List<EventExecutor> loops = new ArrayList<>();
  private int nextSharedLoop;

  ServicePlacement(Vertx vertx) {
    this.vertx = (VertxInternal) vertx;
    this.vertx.nettyEventLoopGroup().forEach(loops::add);
  }

  /**
   * Deploys the service's verticle on its loop. Deployments must come one at a time: each must be
   * complete before the next starts.
   */
  Future<String> deploy(ReflexService service, Deployable verticle, DeploymentOptions options) {
    int wanted = loopFor(service);
    // Called from a plain thread, Vert.x first makes a context for the caller, which takes a loop.
    int taken = Vertx.currentContext() == null ? 2 : 1;
    int before = Math.floorMod(wanted - taken, loops.size());
    EventExecutor previous = loops.get(before);
    for (int i = 0; i < loops.size() && vertx.nettyEventLoopGroup().next() != previous; i++) {
      // Each call moves the round robin one step.
    }
    return vertx
        .deployVerticle(verticle, options)
        .onSuccess(
            id -> {
              if (loopOf(id) != wanted) {
                LOG.info(service.name() + " shares an event loop it was not given");
              }
            });
  }

  /** The event loop the verticle of {@code deploymentId} runs on, as an index of the group. */
  private int loopOf(String deploymentId) {
    DeploymentContext deployment = vertx.deploymentManager().deployment(deploymentId);
    for (Context context : deployment.deployment().contexts()) {
      EventLoop loop = ((ContextInternal) context).nettyEventLoop();
      return loops.indexOf(loop);
    }
    return -1;
  }

  /** Loop 0 for the services that serve clients, the others round robin over the rest. */
  private int loopFor(ReflexService service) {
    if (loops.size() == 1 || service.servesClients()) {
      return 0;
    }
    return 1 + nextSharedLoop++ % (loops.size() - 1);
  }
}
