package io.reflex.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the mesh and its baseline are deployed: one JVM, or one JVM per service joined by Hazelcast on loopback. */
enum Scenario {

  /** The whole mesh in one JVM; baseline: a bare Vert.x WebSocket echo server in one JVM. */
  STANDALONE {
    @Override
    void startMesh(ServerProcesses servers, String launcher, int port, Path rules) {
      List<String> args = new ArrayList<>(List.of("run", "--port", String.valueOf(port)));
      if (rules != null) {
        args.addAll(List.of("--rules", rules.toString()));
      }
      servers.start("reflex", launcher, args, Map.of("REFLEX_OPS_PORT", String.valueOf(ServerProcesses.freePort())));
    }

    @Override
    void startBaseline(ServerProcesses servers, int port) {
      servers.start("echo", ECHO_MAIN, List.of("ws", String.valueOf(port)), Map.of());
    }
  },

  /** The five services as five clustered JVMs; baseline: a WebSocket echo through a clustered event-bus round trip. */
  CLUSTERED {
    @Override
    void startMesh(ServerProcesses servers, String launcher, int port, Path rules) {
      List<String> services = List.of("anomaly", "recommender", "router", "ingestion", "gateway");
      List<Integer> hazelcastPorts = services.stream().map(s -> ServerProcesses.freePort()).toList();
      String members = members(hazelcastPorts);
      String name = "reflex-bench-" + System.nanoTime();
      for (int i = 0; i < services.size(); i++) {
        List<String> args = new ArrayList<>(List.of("run", "--cluster", "--services", services.get(i),
            "--port", String.valueOf(port)));
        if (rules != null) {
          args.addAll(List.of("--rules", rules.toString()));
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("REFLEX_CLUSTER_NAME", name);
        environment.put("REFLEX_CLUSTER_HOST", "127.0.0.1");
        environment.put("REFLEX_CLUSTER_EVENTBUSHOST", "127.0.0.1");
        environment.put("REFLEX_CLUSTER_PORT", String.valueOf(hazelcastPorts.get(i)));
        environment.put("REFLEX_CLUSTER_MEMBERS", members);
        environment.put("REFLEX_OPS_PORT", String.valueOf(ServerProcesses.freePort()));
        servers.start(services.get(i), launcher, args, environment);
      }
    }

    @Override
    void startBaseline(ServerProcesses servers, int port) {
      List<Integer> hazelcastPorts = List.of(ServerProcesses.freePort(), ServerProcesses.freePort());
      String members = members(hazelcastPorts);
      String name = "echo-bench-" + System.nanoTime();
      servers.start("bus-back", ECHO_MAIN, List.of("bus-back", String.valueOf(hazelcastPorts.get(0)), members, name),
          Map.of());
      servers.start("bus-front", ECHO_MAIN, List.of("bus-front", String.valueOf(port),
          String.valueOf(hazelcastPorts.get(1)), members, name), Map.of());
    }
  };

  private static final String ECHO_MAIN = EchoServer.class.getName();

  /**
   * @param launcher main class of the {@code reflex} command (the one running the bench), whose {@code run} starts
   *                 the services
   */
  abstract void startMesh(ServerProcesses servers, String launcher, int port, Path rules);

  abstract void startBaseline(ServerProcesses servers, int port);

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  String baselineLabel() {
    return this == STANDALONE ? "bare WebSocket echo" : "WebSocket echo via clustered event-bus round trip";
  }

  private static String members(List<Integer> ports) {
    return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
  }
}
