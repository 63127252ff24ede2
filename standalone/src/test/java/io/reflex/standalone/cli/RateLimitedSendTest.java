package io.reflex.standalone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.common.launch.Mesh;
import io.reflex.common.launch.MeshLauncher;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.FreePort;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reflex send} faster than the gateway's rate limit slows down and still delivers every
 * event.
 */
class RateLimitedSendTest {

  private static final int EVENTS = 2_000;

  @Test
  @DisplayName(
      "send beyond the gateway's rate limit backs off, resends, and ends with every event accepted")
  void sendSlowsDown(@TempDir Path dir) throws Exception {
    int port = FreePort.find();
    JsonObject limits =
        new JsonObject()
            .put("limitOpenLoopback", true)
            .put("connectionEventsPerSecond", 1_000)
            .put("connectionBurst", 300)
            .put("clientEventsPerSecond", 1_000)
            .put("clientBurst", 300);
    Mesh mesh =
        MeshLauncher.start(
                new MeshLauncher.Options(
                    false,
                    List.of("ingestion", "router", "gateway"),
                    null,
                    new JsonObject()
                        .put(
                            "gateway",
                            new JsonObject()
                                .put("http", new JsonObject().put("port", port))
                                .put("limits", limits))))
            .await();
    try {
      Path file = dir.resolve("replay.jsonl");
      Files.writeString(
          file,
          IntStream.range(0, EVENTS)
              .mapToObj(
                  i ->
                      Events.metric("replay-" + i, "temperature/replay", i % 40, Instant.now())
                          .encode())
              .collect(Collectors.joining("\n")));

      ReflexProcess send =
          ReflexProcess.run(null, "send", file.toString(), "--port", String.valueOf(port));

      assertThat(send.exitCode()).as(send.stderr()).isZero();
      assertThat(send.stdout()).contains(EVENTS + " events sent", "resent after rate_limited");
      // An event sent again after its ack went missing (a reconnect resends what is unacknowledged)
      // is answered "duplicate": seen once in CI, 1970 + 30. Every event must be taken, none
      // refused.
      Matcher tally =
          Pattern.compile("(\\d+) accepted, (\\d+) duplicate, 0 rejected").matcher(send.stdout());
      assertThat(tally.find()).as(send.stdout()).isTrue();
      assertThat(Integer.parseInt(tally.group(1)) + Integer.parseInt(tally.group(2)))
          .as(send.stdout())
          .isEqualTo(EVENTS);
      assertThat(send.stderr()).contains("the gateway answers rate_limited; slowing down");
    } finally {
      mesh.close().await();
    }
  }
}
