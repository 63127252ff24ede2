package io.reflex.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the mesh and its baseline are deployed: one JVM, or one JVM per service joined by Hazelcast
 * on loopback.
 */
enum Scenario {

  /** The whole mesh in one JVM; baseline: a bare Vert.x WebSocket echo server in one JVM. */
  STANDALONE {
    @Override
    void startMesh(ServerProcesses servers, Launch launch) {
      standalone(servers, "reflex", launch, List.of());
    }

    @Override
    void startBaseline(ServerProcesses servers, Launch launch) {
      servers.start("echo", ECHO_MAIN, List.of("ws", String.valueOf(launch.port())), Map.of());
    }
  },

  /**
   * The whole mesh in one JVM in durable mode (every event written to a Kafka event log before it
   * is acknowledged); baseline: the same mesh in fast mode, same workload. Needs a broker ({@code
   * --kafka}); each run logs to a topic of its own, so earlier runs leave no backlog.
   */
  DURABLE {
    @Override
    void startMesh(ServerProcesses servers, Launch launch) {
      if (launch.kafka() == null) {
        throw new IllegalArgumentException(
            "--scenario durable needs a broker: --kafka HOST:PORT "
                + "(scripts/kafka-broker.sh start runs one on 127.0.0.1:9092)");
      }
      standalone(
          servers, "reflex-durable", launch, List.of("--durable", "--kafka", launch.kafka()));
    }

    @Override
    void startBaseline(ServerProcesses servers, Launch launch) {
      standalone(servers, "reflex-fast", launch, List.of());
    }
  },

  /**
   * The five services as five clustered JVMs; baseline: a WebSocket echo through a clustered
   * event-bus round trip.
   */
  CLUSTERED {
    @Override
    void startMesh(ServerProcesses servers, Launch launch) {
      List<String> services = List.of("anomaly", "recommender", "router", "ingestion", "gateway");
      List<Integer> hazelcastPorts =
          services.stream().map(s -> ServerProcesses.freePort()).toList();
      String members = members(hazelcastPorts);
      String name = "reflex-bench-" + System.nanoTime();
      for (int i = 0; i < services.size(); i++) {
        List<String> args =
            new ArrayList<>(
                List.of(
                    "run",
                    "--cluster",
                    "--services",
                    services.get(i),
                    "--port",
                    String.valueOf(launch.port())));
        if (launch.rules() != null) {
          args.addAll(List.of("--rules", launch.rules().toString()));
        }
        Map<String, String> environment = new HashMap<>();
        environment.put("REFLEX_CLUSTER_NAME", name);
        environment.put("REFLEX_CLUSTER_HOST", "127.0.0.1");
        environment.put("REFLEX_CLUSTER_EVENTBUSHOST", "127.0.0.1");
        environment.put("REFLEX_CLUSTER_PORT", String.valueOf(hazelcastPorts.get(i)));
        environment.put("REFLEX_CLUSTER_MEMBERS", members);
        environment.put("REFLEX_OPS_PORT", String.valueOf(ServerProcesses.freePort()));
        servers.start(services.get(i), launch.launcher(), args, environment);
      }
    }

    @Override
    void startBaseline(ServerProcesses servers, Launch launch) {
      int port = launch.port();
      List<Integer> hazelcastPorts =
          List.of(ServerProcesses.freePort(), ServerProcesses.freePort());
      String members = members(hazelcastPorts);
      String name = "echo-bench-" + System.nanoTime();
      servers.start(
          "bus-back",
          ECHO_MAIN,
          List.of("bus-back", String.valueOf(hazelcastPorts.get(0)), members, name),
          Map.of());
      servers.start(
          "bus-front",
          ECHO_MAIN,
          List.of(
              "bus-front",
              String.valueOf(port),
              String.valueOf(hazelcastPorts.get(1)),
              members,
              name),
          Map.of());
    }
  };

  private static final String ECHO_MAIN = EchoServer.class.getName();

  /**
   * How one side is started.
   *
   * @param launcher main class of the {@code reflex} command (the one running the bench), whose
   *     {@code run} starts the services
   * @param port where that side's gateway (or echo server) listens
   * @param rules the workload's rules file, or null for the bundled rules
   * @param kafka the broker for durable mode, or null
   */
  record Launch(String launcher, int port, Path rules, String kafka) {}

  abstract void startMesh(ServerProcesses servers, Launch launch);

  abstract void startBaseline(ServerProcesses servers, Launch launch);

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  String baselineLabel() {
    return switch (this) {
      case STANDALONE -> "bare WebSocket echo";
      case DURABLE -> "the same mesh in fast mode (no broker)";
      case CLUSTERED -> "WebSocket echo via clustered event-bus round trip";
    };
  }

  /** Whether the baseline pushes derived events, like the mesh (it is a mesh too). */
  boolean baselineDerives() {
    return this == DURABLE;
  }

  private static void standalone(
      ServerProcesses servers, String name, Launch launch, List<String> extra) {
    List<String> args = new ArrayList<>(List.of("run", "--port", String.valueOf(launch.port())));
    if (launch.rules() != null) {
      args.addAll(List.of("--rules", launch.rules().toString()));
    }
    args.addAll(extra);
    servers.start(
        name,
        launch.launcher(),
        args,
        Map.of(
            "REFLEX_OPS_PORT",
            String.valueOf(ServerProcesses.freePort()),
            "REFLEX_KAFKA_EVENTSTOPIC",
            "reflex.bench." + System.nanoTime()));
  }

  private static String members(List<Integer> ports) {
    return String.join(",", ports.stream().map(p -> "127.0.0.1:" + p).toList());
  }
}
