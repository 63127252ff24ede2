package io.reflex.standalone.cli;

import io.reflex.common.bus.Addresses;
import io.reflex.common.bus.Codecs;
import io.reflex.common.config.ConfigLoader;
import io.reflex.common.console.ProgressBar;
import io.reflex.common.event.CloudEvent;
import io.reflex.common.event.EventBatch;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.launch.ReflexService;
import io.reflex.common.ops.MeshContext;
import io.reflex.eventlog.CloudEventRecords;
import io.reflex.eventlog.KafkaSettings;
import io.reflex.eventlog.LogRange;
import io.reflex.router.rehearsal.ShadowDiff;
import io.reflex.router.rules.CompiledRules;
import io.reflex.router.rules.InvalidRulesException;
import io.reflex.router.sequence.SequenceLimits;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code reflex replay}: a stretch of the event log routed again through the rules, outputs marked
 * as replayed.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Re-processes the event log (durable mode's Kafka topic) between two times through the rules,",
      "e.g. after adding a rule. Every event read, and every output derived from it, carries the extension",
      "reflexreplayed=true. Derived events are written as JSON Lines (stdout or --output); publish actions write",
      "to their Kafka topics. Deliveries to the anomaly detector and the recommender are not made again: their",
      "state already reflects the log. Times are when the events were written to the log.",
      "With --diff, a shadow replay: the stretch runs through the running rules (--running, default",
      "router.rules.path) and the candidate --rules, each on its own virtual event-time clock, in the log's",
      "per-key order; nothing is published or delivered. It prints, per rule, the outputs added, removed and",
      "changed with a sample of each, and the rules whose hit rate moved most (--json: the report as JSON)."
    },
    footer = {
      "",
      "Examples:",
      "  reflex replay --from 2h --rules rules-with-a-new-rule.yaml --kafka 127.0.0.1:9092",
      "  reflex replay --from 2026-11-30T00:00:00Z --to 2026-12-01T00:00:00Z --output replayed.jsonl",
      "  reflex replay --from 2h --rules candidate.yaml --diff --kafka 127.0.0.1:9092",
      "",
      "Exit codes:",
      "  0  replayed",
      "  1  the rules are invalid",
      "  2  bad arguments",
      "  3  no broker could be reached, or the topic does not exist"
    })
public class ReplayCommand implements Callable<Integer> {

  @Option(
      names = "--from",
      required = true,
      paramLabel = "TIME",
      description = "Start: an RFC 3339 time (2026-12-01T08:00:00Z) or an age (90s, 30m, 2h, 7d).")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      description = "End (exclusive), same forms; default: the log's end now.")
  String to;

  @Option(
      names = "--rules",
      paramLabel = "FILE",
      description = "Rules to replay through; default: the bundled rules.")
  File rules;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "YAML file layered over the defaults.")
  File config;

  @Option(
      names = "--kafka",
      paramLabel = "HOST:PORT[,...]",
      description = "Broker(s); default: kafka.bootstrapServers.")
  String kafka;

  @Option(
      names = "--topic",
      paramLabel = "TOPIC",
      description = "The event log's topic; default: kafka.eventsTopic.")
  String topic;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where derived events go; default: stdout.")
  File output;

  @Option(names = "--quiet", description = "No progress bar.")
  boolean quiet;

  @Option(
      names = "--diff",
      description = "Shadow replay: compare --rules (the candidate) with the running rules.")
  boolean diff;

  @Option(
      names = "--running",
      paramLabel = "FILE",
      description =
          "With --diff: the running rules; default: router.rules.path of the settings (or the bundled).")
  File running;

  @Option(names = "--json", description = "With --diff: print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Instant now = Instant.now();
    Instant start;
    Instant end;
    try {
      start = time(from, now);
      end = to == null ? null : time(to, now);
    } catch (IllegalArgumentException e) {
      System.err.println("reflex replay: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (diff && rules == null) {
      System.err.println(
          "reflex replay: --diff compares a candidate with the running rules: pass --rules FILE");
      return ExitCodes.USAGE;
    }
    for (File file : new File[] {rules, config, running}) {
      if (file != null && !file.isFile()) {
        System.err.println("reflex replay: " + file + " does not exist");
        return ExitCodes.USAGE;
      }
    }
    Vertx vertx = Vertx.vertx();
    try {
      JsonObject settings = ConfigLoader.load(config == null ? null : config.getPath());
      JsonObject kafkaConfig = settings.getJsonObject("kafka").copy();
      if (kafka != null) {
        kafkaConfig.put("bootstrapServers", kafka);
      }
      KafkaSettings log = KafkaSettings.from(kafkaConfig);
      if (!log.configured()) {
        System.err.println(
            "reflex replay: no broker: pass --kafka HOST:PORT or set kafka.bootstrapServers");
        return ExitCodes.USAGE;
      }
      if (diff) {
        return shadow(vertx, settings, log, start, end);
      }
      Codecs.register(vertx);
      if (!deployRouter(vertx, settings, kafkaConfig)) {
        return ExitCodes.REJECTED;
      }
      ConcurrentLinkedQueue<CloudEvent> outputs = new ConcurrentLinkedQueue<>();
      vertx
          .eventBus()
          .<EventBatch>consumer(
              Addresses.GATEWAY_OUTPUT, message -> outputs.addAll(message.body().events()))
          .completion()
          .await();
      LogRange range = open(vertx, log, start, end);
      if (range == null) {
        return ExitCodes.GATEWAY_UNREACHABLE;
      }
      try (range;
          PrintStream out =
              output == null ? System.out : new PrintStream(output, StandardCharsets.UTF_8)) {
        return replay(vertx, range, outputs, out, start, end);
      }
    } catch (FileNotFoundException e) {
      System.err.println("reflex replay: cannot write " + output + ": " + e.getMessage());
      return ExitCodes.USAGE;
    } finally {
      vertx.close().await(30, TimeUnit.SECONDS);
    }
  }

  private int replay(
      Vertx vertx,
      LogRange range,
      ConcurrentLinkedQueue<CloudEvent> outputs,
      PrintStream out,
      Instant start,
      Instant end) {
    ProgressBar progress =
        quiet || range.total() == 0 ? null : new ProgressBar(System.err, range.total());
    long[] counts = new long[3]; // read, unreadable, derived
    Map<String, Long> byRule = new TreeMap<>();
    range.read(
        records -> {
          List<CloudEvent> events = new ArrayList<>(records.size());
          for (ConsumerRecord<String, byte[]> record : records) {
            try {
              events.add(
                  CloudEvent.wrap(CloudEventRecords.read(record).put(CloudEvent.REPLAYED, true)));
            } catch (RuntimeException unreadable) {
              counts[1]++;
            }
          }
          counts[0] += records.size();
          vertx
              .eventBus()
              .request(
                  Addresses.ROUTER_ROUTE_CONFIRMED, new EventBatch(events), Codecs.timeout(120_000))
              .await();
          for (CloudEvent output = outputs.poll(); output != null; output = outputs.poll()) {
            counts[2]++;
            byRule.merge(
                String.valueOf(output.json().getValue(CloudEvent.RULE_ID, output.type())),
                1L,
                Long::sum);
            out.println(output.encode());
          }
          if (progress != null) {
            progress.update(counts[0], counts[0] + " events, " + counts[2] + " outputs");
          }
        });
    if (progress != null) {
      progress.finish(counts[0] + " events, " + counts[2] + " outputs");
    }
    out.flush();
    System.err.println(
        "replayed "
            + counts[0]
            + " events written from "
            + start
            + " to "
            + (end == null ? "now" : end)
            + ": "
            + counts[2]
            + " outputs "
            + byRule
            + (counts[1] > 0 ? ", " + counts[1] + " unreadable records skipped" : ""));
    return ExitCodes.OK;
  }

  /** The diff of the candidate against the running rules over the range; nothing is published. */
  private int shadow(
      Vertx vertx, JsonObject settings, KafkaSettings log, Instant start, Instant end)
      throws Exception {
    JsonObject router = settings.getJsonObject("router");
    ShadowDiff shadow;
    try {
      CompiledRules current =
          RulesFile.load(
              running != null
                  ? running.getAbsolutePath()
                  : router.getJsonObject("rules").getString("path"));
      shadow =
          new ShadowDiff(
              current,
              RulesFile.load(rules),
              SequenceLimits.from(router.getJsonObject("sequence")),
              router.getInteger("maxDepth"));
    } catch (InvalidRulesException e) {
      System.err.println("reflex replay: rules refused: " + e.getMessage());
      return ExitCodes.REJECTED;
    }
    LogRange range = open(vertx, log, start, end);
    if (range == null) {
      return ExitCodes.GATEWAY_UNREACHABLE;
    }
    try (range;
        PrintStream out =
            output == null ? System.out : new PrintStream(output, StandardCharsets.UTF_8)) {
      ShadowReplay.run(range, shadow, out, json, quiet);
    }
    return ExitCodes.OK;
  }

  /** The range of the log to replay, or null after saying why it cannot be read. */
  private LogRange open(Vertx vertx, KafkaSettings log, Instant start, Instant end) {
    try {
      return new LogRange(vertx, log, topic == null ? log.eventsTopic() : topic, start, end);
    } catch (RuntimeException e) {
      System.err.println("reflex replay: cannot read the log: " + e.getMessage());
      return null;
    }
  }

  /**
   * Deploys the router's own verticle on this local Vert.x; false (after saying why) when the rules
   * are invalid.
   */
  private boolean deployRouter(Vertx vertx, JsonObject settings, JsonObject kafkaConfig) {
    ReflexService router =
        MeshLauncher.availableServices().stream()
            .filter(service -> service.name().equals("router"))
            .findFirst()
            .orElseThrow();
    JsonObject routerConfig = settings.getJsonObject("router").copy();
    JsonObject rulesConfig = routerConfig.getJsonObject("rules").copy().put("scanPeriodMs", 0);
    if (rules != null) {
      rulesConfig.put("path", rules.getAbsolutePath());
    }
    routerConfig
        .put("rules", rulesConfig)
        .put(
            MeshContext.KEY,
            MeshContext.describe(null, false, new JsonObject(), kafkaConfig, false));
    try {
      vertx
          .deployVerticle(router.createVerticle(), new DeploymentOptions().setConfig(routerConfig))
          .await();
      return true;
    } catch (Exception e) {
      System.err.println("reflex replay: rules refused: " + e.getMessage());
      return false;
    }
  }

  /** An RFC 3339 time, or an age before {@code now} such as 90s, 30m, 2h or 7d. */
  static Instant time(String text, Instant now) {
    if (text.matches("\\d+[smhd]")) {
      long amount = Long.parseLong(text.substring(0, text.length() - 1));
      Duration age =
          switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
          };
      return now.minus(age);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is neither an RFC 3339 time (2026-12-01T08:00:00Z) nor an "
              + "age (90s, 30m, 2h, 7d)");
    }
  }
}
