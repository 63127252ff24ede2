package io.reflex.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.reflex.anomaly.detector.Detectors;
import io.reflex.anomaly.detector.Sensitivity;
import io.reflex.anomaly.nab.NabCorpusReader;
import io.reflex.anomaly.nab.NabEvaluator;
import io.reflex.anomaly.nab.NabSeries;
import io.reflex.anomaly.nab.NabTime;
import io.reflex.common.testing.Events;
import io.reflex.common.testing.SharedData;
import io.reflex.common.testing.WsTestClient;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One detector code path: a NAB dev file replayed as {@code reflex.metric} events over the
 * WebSocket into the running mesh gets, row for row, the anomaly scores {@code reflex anomaly
 * evaluate} computes for it.
 */
@ExtendWith(VertxExtension.class)
class NabReplayMeshTest {
  private static final String FILE = "realTraffic/speed_7578.csv";
  private static final int BATCH = 100;

  private static LocalGateway mesh;

  @BeforeAll
  static void start(Vertx clients) {
    mesh = LocalGateway.start(clients, new JsonObject());
  }

  @AfterAll
  static void stop() {
    mesh.close();
  }

  @Test
  @DisplayName("the service's score of every row of a NAB dev file equals the offline evaluation's")
  void serviceScoresEqualCliScores() {
    NabSeries series = NabCorpusReader.read(SharedData.resolve("data/nab-dev/data/" + FILE), FILE);
    double[] offline =
        new NabEvaluator(() -> Detectors.create(Sensitivity.STANDARD))
            .score(series, List.of())
            .scores();

    try (WsTestClient client = WsTestClient.connect(mesh.clients(), mesh.port())) {
      JsonObject scoredOfSeries =
          new JsonObject()
              .put("subject", new JsonArray().add(FILE))
              .put("type", new JsonArray().add("reflex.anomaly.scored"));
      assertThat(
              client
                  .request(
                      new JsonObject()
                          .put("op", "subscribe")
                          .put("ref", "s")
                          .put("sub", "scored")
                          .put("pattern", scoredOfSeries))
                  .getString("op"))
          .isEqualTo("subscribed");
      for (int from = 0; from < series.size(); from += BATCH) {
        JsonArray events = new JsonArray();
        for (int row = from; row < Math.min(from + BATCH, series.size()); row++) {
          Instant time = Instant.ofEpochMilli(NabTime.toEpochMillis(series.timestamps().get(row)));
          events.add(Events.metric(FILE + "#" + row, FILE, series.values()[row], time));
        }
        // Each batch acknowledged before the next: the series' points reach the detector in file
        // order.
        JsonObject ack =
            client.request(
                new JsonObject().put("op", "publish").put("ref", "b" + from).put("events", events));
        assertThat(
                ack.getJsonArray("results").stream().map(r -> ((JsonObject) r).getString("status")))
            .containsOnly("accepted");
      }
      client.awaitEvent(
          "scored", e -> e.getString("causationid").equals(FILE + "#" + (series.size() - 1)));

      double[] service = new double[series.size()];
      int received = 0;
      for (JsonObject frame : client.framesSoFar()) {
        if ("event".equals(frame.getString("op")) && "scored".equals(frame.getString("sub"))) {
          JsonObject event = frame.getJsonObject("event");
          String cause = event.getString("causationid");
          int row = Integer.parseInt(cause.substring(cause.indexOf('#') + 1));
          service[row] = event.getJsonObject("data").getDouble("score");
          received++;
        }
      }
      assertThat(received).isEqualTo(series.size());
      assertThat(service).containsExactly(offline);
    }
  }
}
