package io.reflex.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code reflex bench}: runs one scenario. Starts the mesh (through the {@code reflex} command
 * running this one) and its baseline as child JVMs on loopback, steps the offered rate up (the
 * baseline and the mesh alternately at each rate, with the same client, payload and connections),
 * and writes the Markdown table. Bounded: at most {@code --max-steps} steps of {@code --measure}
 * seconds each, then everything stops.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Open-loop WebSocket benchmark of Reflex against a same-run baseline; prints a Markdown table.",
      "The mesh and the baseline run as child JVMs on loopback; a progress bar shows on stderr (--quiet hides it).",
      "Method and results: BENCHMARKS.md."
    },
    footer = {
      "",
      "Example (a quick look, about a minute):",
      "  reflex bench --connections 10 --rate 500 --max-steps 2 --warmup 5 --measure 5"
    })
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--scenario",
      description = "standalone | clustered | durable (default: ${DEFAULT-VALUE})")
  String scenario = "standalone";

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT",
      description = "broker for --scenario durable")
  String kafka;

  @Option(
      names = "--workload",
      description = "telemetry | shopping | rule-heavy (default: ${DEFAULT-VALUE})")
  String workload = "telemetry";

  @Option(names = "--batch", description = "events per publish frame (default: ${DEFAULT-VALUE})")
  int batch = 1;

  @Option(
      names = "--connections",
      description = "WebSocket connections (default: ${DEFAULT-VALUE})")
  int connections = 100;

  @Option(
      names = "--rate",
      description = "first offered rate, events/s (default: ${DEFAULT-VALUE})")
  double rate = 2000;

  @Option(
      names = "--factor",
      description =
          "each step offers this many times the previous rate (default: ${DEFAULT-VALUE})")
  double factor = 2;

  @Option(
      names = "--max-steps",
      description = "at most this many steps (default: ${DEFAULT-VALUE})")
  int maxSteps = 5;

  @Option(
      names = "--warmup",
      description = "seconds of warm-up at the first rate (default: ${DEFAULT-VALUE})")
  int warmupSeconds = 10;

  @Option(
      names = "--measure",
      description = "seconds measured per step (default: ${DEFAULT-VALUE})")
  int measureSeconds = 20;

  @Option(
      names = "--p99-ms",
      description = "latency bound of a sustainable step (default: ${DEFAULT-VALUE})")
  long p99BoundMs = 10;

  @Option(
      names = "--start-timeout",
      description = "seconds the servers may take to listen (default: ${DEFAULT-VALUE})")
  int startTimeoutSeconds = 180;

  @Option(
      names = "--jfr",
      description = "record a JFR profile of every server JVM into the work directory")
  boolean flightRecorder;

  @Option(
      names = "--server-jvm-option",
      paramLabel = "OPTION",
      description =
          "an extra option for every server JVM, mesh and baseline alike (repeatable), e.g."
              + " -XX:+UseParallelGC to compare collectors")
  List<String> serverJvmOptions = new ArrayList<>();

  @Option(
      names = "--work-dir",
      description = "server logs, rules file, profiles (default: ${DEFAULT-VALUE})")
  Path workDir = Path.of("target", "bench");

  @Option(names = "--out", description = "Markdown file to write (default: stdout only)")
  Path out;

  @Option(names = "--quiet", description = "No progress bar (the log lines stay).")
  boolean quiet;

  @Spec CommandSpec spec;

  private static final long DRAIN_MS = 5_000;

  @Override
  public Integer call() throws Exception {
    Scenario deployment = Scenario.valueOf(scenario.toUpperCase(Locale.ROOT));
    Workload load = Workload.parse(workload);
    Files.createDirectories(workDir);
    Path rules = null;
    if (load.rulesFile() != null) {
      rules = workDir.resolve(load.label() + "-rules.yaml").toAbsolutePath();
      Files.writeString(rules, load.rulesFile());
    }
    int meshPort = ServerProcesses.freePort();
    int baselinePort = ServerProcesses.freePort();
    String title =
        deployment.label()
            + " · "
            + load.label()
            + " · "
            + batch
            + " event(s)/frame · "
            + connections
            + " connections";
    String conditions =
        "Run "
            + Instant.now()
            + "; "
            + warmupSeconds
            + " s warm-up, "
            + measureSeconds
            + " s per step; CPU pressure (some avg10) at start "
            + ProcessCpu.pressureSomeAvg10()
            + " %, load average "
            + ProcessCpu.loadAverage()
            + ". Baseline: "
            + deployment.baselineLabel()
            + ". Latencies from the intended send time.";
    MarkdownReport report =
        new MarkdownReport(title, "reflex bench " + String.join(" ", commandLine()), conditions);
    // The launcher running this command also starts the mesh's services, so both sides run the same
    // code.
    String launcher = spec.root().userObject().getClass().getName();
    Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    try (RunProgress progress =
            new RunProgress(quiet, 2L * warmupSeconds + 2L * maxSteps * measureSeconds);
        ServerProcesses mesh = new ServerProcesses(workDir, flightRecorder, serverJvmOptions);
        ServerProcesses baseline = new ServerProcesses(workDir, false, serverJvmOptions)) {
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    mesh.close();
                    baseline.close();
                  }));
      deployment.startMesh(mesh, new Scenario.Launch(launcher, meshPort, rules, kafka));
      deployment.startBaseline(baseline, new Scenario.Launch(launcher, baselinePort, rules, kafka));
      mesh.awaitListening(meshPort, startTimeoutSeconds * 1000L);
      baseline.awaitListening(baselinePort, startTimeoutSeconds * 1000L);
      LoadGenerator meshLoad = new LoadGenerator(vertx, load, batch);
      LoadGenerator baselineLoad = new LoadGenerator(vertx, load, batch);
      meshLoad.connect(meshPort, connections, true).await(60, TimeUnit.SECONDS);
      baselineLoad
          .connect(baselinePort, connections, deployment.baselineDerives())
          .await(60, TimeUnit.SECONDS);
      progress.phase("waiting for events to flow through the mesh", 0);
      awaitFlowing(meshLoad, progress);
      progress.log("warming up " + warmupSeconds + " s at " + Math.round(rate) + " ev/s");
      progress.phase("warm-up: baseline", warmupSeconds);
      baselineLoad
          .run(rate, warmupSeconds * 1000L, DRAIN_MS)
          .await(warmupSeconds + 60L, TimeUnit.SECONDS);
      progress.phase("warm-up: Reflex", warmupSeconds);
      meshLoad
          .run(rate, warmupSeconds * 1000L, DRAIN_MS)
          .await(warmupSeconds + 60L, TimeUnit.SECONDS);
      double meshMax = 0;
      double baselineMax = 0;
      boolean meshFailed = false;
      boolean baselineFailed = false;
      double offered = rate;
      for (int step = 0;
          step < maxSteps && !(meshFailed && baselineFailed);
          step++, offered *= factor) {
        String at =
            "step " + (step + 1) + "/" + maxSteps + " at " + Math.round(offered) + " ev/s: ";
        progress.phase(at + "baseline", baselineFailed ? 0 : measureSeconds);
        Measurement b = baselineFailed ? null : measure(baselineLoad, baseline, offered);
        progress.phase(at + "Reflex", meshFailed ? 0 : measureSeconds);
        Measurement m = meshFailed ? null : measure(meshLoad, mesh, offered);
        report.step(offered, m, b, p99BoundMs * 1000);
        progress.log(
            String.format(
                Locale.ROOT,
                "%.0f ev/s: mesh %s, baseline %s",
                offered,
                m == null
                    ? "-"
                    : m.result().sustainable(p99BoundMs * 1000) ? "ok" : "not sustainable",
                b == null
                    ? "-"
                    : b.result().sustainable(p99BoundMs * 1000) ? "ok" : "not sustainable"));
        if (b != null) {
          if (b.result().sustainable(p99BoundMs * 1000)) {
            baselineMax = offered;
          } else {
            baselineFailed = true;
          }
        }
        if (m != null) {
          if (m.result().sustainable(p99BoundMs * 1000)) {
            meshMax = offered;
          } else {
            meshFailed = true;
          }
        }
      }
      report.summary(meshMax, baselineMax, deployment.baselineLabel(), !baselineFailed);
      meshLoad.close().await();
      baselineLoad.close().await();
    } finally {
      vertx.close().await();
    }
    System.out.println(report.text());
    if (out != null) {
      Files.writeString(out, report.text());
    }
    return 0;
  }

  private Measurement measure(LoadGenerator load, ServerProcesses servers, double offered)
      throws Exception {
    double pressure = ProcessCpu.pressureSomeAvg10();
    long serverBefore = servers.cpuMicros();
    long allocatedBefore = servers.allocatedBytes();
    long generatorBefore = ProcessCpu.cpuMicros(ProcessHandle.current().pid());
    StepResult result =
        load.run(offered, measureSeconds * 1000L, DRAIN_MS)
            .await(measureSeconds + 120L, TimeUnit.SECONDS);
    long allocatedAfter = servers.allocatedBytes();
    return new Measurement(
        result,
        servers.cpuMicros() - serverBefore,
        ProcessCpu.cpuMicros(ProcessHandle.current().pid()) - generatorBefore,
        allocatedBefore < 0 || allocatedAfter < 0 ? -1 : allocatedAfter - allocatedBefore,
        pressure);
  }

  /**
   * In a cluster the gateway listens before every service has joined: wait until events come all
   * the way back.
   */
  private void awaitFlowing(LoadGenerator load, RunProgress progress) throws Exception {
    long deadline = System.currentTimeMillis() + startTimeoutSeconds * 1000L;
    while (System.currentTimeMillis() < deadline) {
      StepResult probe =
          load.run(Math.max(connections, 100), 1000, 3000).await(30, TimeUnit.SECONDS);
      if (probe.errors() == 0 && probe.outputs() == probe.expectedOutputs()) {
        return;
      }
      progress.log(
          "waiting for the mesh: "
              + probe.outputs()
              + " / "
              + probe.expectedOutputs()
              + " derived events, "
              + probe.errors()
              + " errors");
    }
    throw new IllegalStateException(
        "events did not flow through the mesh within "
            + startTimeoutSeconds
            + " s; see "
            + workDir);
  }

  private String[] commandLine() {
    List<String> line = new ArrayList<>();
    serverJvmOptions.forEach(option -> line.add("--server-jvm-option=" + option));
    line.addAll(
        List.of(
            "--scenario",
            scenario + (kafka == null ? "" : " --kafka " + kafka),
            "--workload",
            workload,
            "--batch",
            String.valueOf(batch),
            "--connections",
            String.valueOf(connections),
            "--rate",
            String.valueOf(Math.round(rate)),
            "--factor",
            String.valueOf(factor),
            "--max-steps",
            String.valueOf(maxSteps),
            "--warmup",
            String.valueOf(warmupSeconds),
            "--measure",
            String.valueOf(measureSeconds),
            "--p99-ms",
            String.valueOf(p99BoundMs)));
    return line.toArray(String[]::new);
  }
}
