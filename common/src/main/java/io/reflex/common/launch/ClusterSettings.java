package io.reflex.common.launch;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import io.reflex.common.config.ConfigTree;
import io.reflex.common.state.HazelcastStateStore;
import io.reflex.common.state.StateSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import java.util.Arrays;

/**
 * Hazelcast settings from the {@code cluster} configuration subtree. Starts from Vert.x's own
 * Hazelcast config so the maps Vert.x needs for subscriptions stay defined, and replaces multicast
 * (absent on loopback and in Kubernetes) with TCP/IP members or Kubernetes DNS discovery.
 */
public final class ClusterSettings {

  private ClusterSettings() {}

  /**
   * @param clusterConfig the {@code cluster} configuration subtree, possibly partial (completed
   *     with the defaults)
   * @param state the keyed-state maps to declare
   * @param liteMember join without holding data (no partitions, no backups)
   */
  public static Config hazelcast(
      JsonObject clusterConfig, StateSettings state, boolean liteMember) {
    ConfigTree cluster = ConfigTree.of("cluster", clusterConfig);
    Config config = HazelcastStateStore.configure(ConfigUtil.loadConfig(), state);
    config.setLiteMember(liteMember);
    config.setClusterName(cluster.text("name"));
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.setProperty("hazelcast.logging.type", "jdk");
    // Crashed members must leave in seconds, not Hazelcast's default minute, or sends to them pile
    // up.
    config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
    config.setProperty(
        "hazelcast.max.no.heartbeat.seconds",
        String.valueOf(cluster.integer("maxNoHeartbeatSeconds")));
    config.setProperty(
        "hazelcast.wait.seconds.before.join",
        String.valueOf(cluster.integer("waitSecondsBeforeJoin")));
    config.setProperty("hazelcast.partition.operation.thread.count", "2");
    config.setProperty("hazelcast.operation.generic.thread.count", "2");

    config.getNetworkConfig().setPort(cluster.integer("port")).setPortAutoIncrement(true);
    String host = cluster.text("host");
    if (!host.isBlank()) {
      config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface(host);
    }
    JoinConfig join = config.getNetworkConfig().getJoin();
    join.getMulticastConfig().setEnabled(false);
    join.getAutoDetectionConfig().setEnabled(false);
    String dns = cluster.text("kubernetesServiceDns");
    if (!dns.isBlank()) {
      join.getKubernetesConfig().setEnabled(true).setProperty("service-dns", dns);
    } else {
      join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1);
      String members = cluster.text("members");
      Arrays.stream(
              (members.isBlank() ? "127.0.0.1:" + cluster.integer("port") : members).split(","))
          .map(String::trim)
          .filter(m -> !m.isEmpty())
          .forEach(m -> join.getTcpIpConfig().addMember(m));
    }
    return config;
  }
}
