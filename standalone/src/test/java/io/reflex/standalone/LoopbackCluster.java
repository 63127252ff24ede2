package io.reflex.standalone;

import io.reflex.common.testing.FreePort;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reflex service processes joined into one Hazelcast cluster by TCP/IP on loopback, each configured
 * through {@code REFLEX_*} environment variables as a container would be, their logs under {@code
 * target/multi-process}; and the test's WebSocket connections to the gateway.
 */
final class LoopbackCluster implements AutoCloseable {

  private final Map<String, ServiceProcess> processes = new LinkedHashMap<>();
  private final List<Integer> hazelcastPorts = new ArrayList<>();
  private final String name;
  private final int gatewayPort = FreePort.find();
  private final Path logs;
  private final List<WsTestClient> clients = new ArrayList<>();
  private Vertx clientVertx;

  /**
   * @param members how many processes may join in all (each gets its Hazelcast port in the members
   *     list)
   */
  LoopbackCluster(String prefix, int members) throws Exception {
    name = prefix + "-" + System.nanoTime();
    logs = Files.createDirectories(Path.of("target", "multi-process", name));
    for (int i = 0; i < members; i++) {
      hazelcastPorts.add(FreePort.find());
    }
  }

  /**
   * Starts the process {@code name} running {@code services} (comma-separated) on member slot
   * {@code slot}.
   */
  ServiceProcess start(String name, String services, int slot) throws Exception {
    return start(name, services, slot, Map.of());
  }

  /**
   * The same, with more configuration ({@code REFLEX_*} variables), e.g. durable mode's broker; a
   * second gateway names its own {@code REFLEX_GATEWAY_HTTP_PORT}.
   */
  ServiceProcess start(String name, String services, int slot, Map<String, String> configuration)
      throws Exception {
    Map<String, String> environment = new HashMap<>(configuration);
    environment.put("REFLEX_CLUSTER_NAME", this.name);
    environment.put("REFLEX_CLUSTER_HOST", "127.0.0.1");
    environment.put("REFLEX_CLUSTER_PORT", String.valueOf(hazelcastPorts.get(slot)));
    environment.put(
        "REFLEX_CLUSTER_MEMBERS",
        hazelcastPorts.stream().map(p -> "127.0.0.1:" + p).collect(Collectors.joining(",")));
    environment.put("REFLEX_CLUSTER_EVENTBUSHOST", "127.0.0.1");
    environment.put("REFLEX_CLUSTER_EVENTBUSPORT", String.valueOf(FreePort.find()));
    environment.putIfAbsent("REFLEX_GATEWAY_HTTP_PORT", String.valueOf(gatewayPort));
    ServiceProcess process =
        ServiceProcess.start(name, services, FreePort.find(), environment, logs);
    processes.put(name, process);
    return process;
  }

  ServiceProcess process(String name) {
    return processes.get(name);
  }

  /** Every process started, in start order (dead ones too). */
  Iterable<ServiceProcess> processes() {
    return processes.values();
  }

  String name() {
    return name;
  }

  Path logs() {
    return logs;
  }

  int gatewayPort() {
    return gatewayPort;
  }

  /** Waits until every process started so far has joined. */
  void awaitReady(Duration limit) throws Exception {
    for (ServiceProcess process : processes.values()) {
      process.awaitReady(limit);
    }
  }

  /** A new WebSocket connection to the gateway, closed with the cluster. */
  WsTestClient connect() {
    if (clientVertx == null) {
      clientVertx = Vertx.vertx();
    }
    WsTestClient client = WsTestClient.connect(clientVertx, gatewayPort);
    clients.add(client);
    return client;
  }

  /** Closes the connections and kills every process still running. */
  @Override
  public void close() throws Exception {
    clients.forEach(WsTestClient::close);
    if (clientVertx != null) {
      clientVertx.close().await();
    }
    for (ServiceProcess process : processes.values()) {
      process.forceStop();
    }
  }
}
