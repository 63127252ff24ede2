package io.reflex.recommender.eval;

import static io.reflex.recommender.model.InteractionType.CART;
import static io.reflex.recommender.model.InteractionType.PURCHASE;
import static io.reflex.recommender.model.InteractionType.VIEW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.InteractionType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFormatTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static Path fixture(String name) {
    try {
      return Path.of(LogFormatTest.class.getResource("/logs/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Interaction> detectedAndRead(String name, LogFormat expected) {
    Path file = fixture(name);
    assertThat(LogReader.detect(file)).isEqualTo(expected);
    return LogReader.read(file, null);
  }

  @Test
  void readsTheGenericCsvWithHeaderEpochAndIsoTimes() {
    assertThat(detectedAndRead("generic.csv", LogFormat.CSV))
        .containsExactly(
            new Interaction("u1", "i1", VIEW, 1_767_225_600_000L, "s1"),
            new Interaction("u1", "i2", CART, 1_767_225_601_000L, "s1"),
            new Interaction("u2", "i2", PURCHASE, 1_767_225_602_000L, null));
  }

  @Test
  void readsSessionCsvAsViewsOfAnonymousUsers() {
    assertThat(detectedAndRead("sessions.csv", LogFormat.SESSIONS))
        .containsExactly(
            new Interaction("9", "i1", VIEW, 1000, "9"),
            new Interaction("9", "i2", VIEW, 2000, "9"));
  }

  @Test
  void readsSessionRecTsvWithWholeAndFractionalSeconds() {
    assertThat(detectedAndRead("session-rec.tsv", LogFormat.SESSION_REC))
        .containsExactly(
            new Interaction("1", "214536502", VIEW, 1_396_439_900_280L, "1"),
            new Interaction("1", "214536500", VIEW, 1_396_439_923_000L, "1"),
            new Interaction("2", "214662742", VIEW, 1_396_437_466_940L, "2"));
  }

  @Test
  void readsMovieLensUDataByItsShapeAndRatingsCsvByItsHeader() {
    assertThat(detectedAndRead("u.data", LogFormat.MOVIELENS))
        .containsExactly(
            new Interaction("196", "242", VIEW, 881_250_949_000L, null),
            new Interaction("186", "302", VIEW, 891_717_742_000L, null),
            new Interaction("22", "377", VIEW, 878_887_116_000L, null));
    assertThat(detectedAndRead("ratings.csv", LogFormat.MOVIELENS_CSV))
        .containsExactly(
            new Interaction("1", "1", VIEW, 964_982_703_000L, null),
            new Interaction("1", "3", VIEW, 964_981_247_000L, null),
            new Interaction("2", "318", VIEW, 1_445_714_835_000L, null));
  }

  @Test
  void readsRetailRocketEvents() {
    assertThat(detectedAndRead("events.csv", LogFormat.RETAILROCKET))
        .containsExactly(
            new Interaction("257597", "355908", VIEW, 1_433_221_332_117L, null),
            new Interaction("992329", "248676", CART, 1_433_224_214_164L, null),
            new Interaction("111016", "383489", PURCHASE, 1_433_221_999_827L, null));
  }

  @Test
  void readsOttoJsonLines() {
    assertThat(detectedAndRead("otto.jsonl", LogFormat.OTTO))
        .containsExactly(
            new Interaction("7", "11", VIEW, 1_659_304_800_025L, "7"),
            new Interaction("7", "12", CART, 1_659_304_904_511L, "7"),
            new Interaction("8", "11", PURCHASE, 1_659_367_439_426L, "8"));
  }

  @Test
  void theFormatOptionOverridesDetection() throws IOException {
    Path file = write("plain.csv", "9,i1,1000\n");

    assertThat(LogReader.read(file, LogFormat.named("sessions")))
        .containsExactly(new Interaction("9", "i1", VIEW, 1000, "9"));
    assertThatThrownBy(() -> LogFormat.named("parquet"))
        .hasMessageContaining("unknown log format 'parquet'");
  }

  @Test
  void aBadLineSaysWhereWhatWasExpectedAndWhatWasFound() throws IOException {
    Path type = write("bad.csv", "u1,i1,view,1000\nu1,i1,teleport,2000\n");
    Path fields = write("short.tsv", "SessionId\tItemId\tTime\n1\t2\t3\n1\t2\n");
    Path time = write("u.data", "1\t2\t3\t881250949\n1\t3\t4\t88125x\n");
    Path json =
        write(
            "broken.jsonl",
            "{\"session\": 1, \"events\": [{\"aid\": 1, \"ts\": \"soon\","
                + " \"type\": \"clicks\"}]}\n");

    assertThatThrownBy(() -> LogReader.read(type, null))
        .isInstanceOf(BadLineException.class)
        .hasMessage(type + ":2: expected type view, cart or purchase, found 'teleport'");
    assertThatThrownBy(() -> LogReader.read(fields, null))
        .hasMessage(
            fields + ":3: expected >= 3 fields SessionId<TAB>ItemId<TAB>Time, found '2: 1\\t2'");
    assertThatThrownBy(() -> LogReader.read(time, LogFormat.MOVIELENS))
        .hasMessage(
            time + ":2: expected unix seconds (e.g. 1396437466 or 1396437466.94), found '88125x'");
    assertThatThrownBy(() -> LogReader.read(json, null))
        .hasMessageStartingWith(
            json
                + ":1: expected an event with \"aid\", numeric \"ts\" and \"type\", found '{\"aid\":1,\"ts\":\"soon\"");
  }

  @Test
  void readsTheOttoSampleWithItsDocumentedCounts() {
    List<Interaction> events = LogReader.read(SharedData.ottoSample(), null);

    Map<InteractionType, Long> byType =
        events.stream().collect(Collectors.groupingBy(Interaction::type, Collectors.counting()));
    assertThat(events).hasSize(862);
    assertThat(byType)
        .containsEntry(VIEW, 800L)
        .containsEntry(CART, 52L)
        .containsEntry(PURCHASE, 10L);
    assertThat(events.stream().map(Interaction::user).distinct()).hasSize(20);
    assertThat(events.stream().map(Interaction::item).distinct()).hasSize(510);
    assertThat(events.get(0))
        .isEqualTo(new Interaction("0", "1517085", VIEW, 1_659_304_800_025L, "0"));
    assertThat(
            events.stream()
                .collect(Collectors.toMap(Interaction::user, Interaction::session, (a, b) -> a)))
        .allSatisfy((user, session) -> assertThat(session).isEqualTo(user));
    assertThat(events.stream().map(Interaction::user).collect(Collectors.toSet()))
        .contains("12899778")
        .doesNotContain("11");
  }
}
