package io.reflex.recommender.eval;

import io.reflex.recommender.model.Interaction;
import io.reflex.recommender.model.InteractionType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogFormatTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @Test
    void readsCsvWithHeaderEpochAndIsoTimes() throws IOException {
        Path file = write("log.csv", """
                user,item,type,timestamp
                u1,i1,view,1767225600000
                u1,i2,CART,2026-01-01T00:00:01Z
                u2,i2,purchase,2026-01-01 00:00:02
                u2,i3,view,1767225603000,s7
                """);

        List<Interaction> events = LogFormat.CSV.read(file);

        assertThat(events).containsExactly(
                new Interaction("u1", "i1", InteractionType.VIEW, 1_767_225_600_000L, null),
                new Interaction("u1", "i2", InteractionType.CART, 1_767_225_601_000L, null),
                new Interaction("u2", "i2", InteractionType.PURCHASE, 1_767_225_602_000L, null),
                new Interaction("u2", "i3", InteractionType.VIEW, 1_767_225_603_000L, "s7"));
    }

    @Test
    void readsSessionCsvAsViewsOfAnonymousUsers() throws IOException {
        Path file = write("sessions.csv", "session,item,timestamp\n9,i1,1000\n9,i2,2000\n");

        assertThat(LogFormat.SESSIONS.read(file)).containsExactly(
                new Interaction("9", "i1", InteractionType.VIEW, 1000, "9"),
                new Interaction("9", "i2", InteractionType.VIEW, 2000, "9"));
    }

    @Test
    void reportsTheLineOfABadRecord() throws IOException {
        Path file = write("bad.csv", "u1,i1,view,1000\nu1,i1,teleport,2000\n");

        assertThatThrownBy(() -> LogFormat.CSV.read(file)).hasMessageContaining("bad.csv:2");
    }

    @Test
    void readsTheOttoSampleWithItsDocumentedCounts() {
        List<Interaction> events = LogFormat.OTTO.read(SharedData.ottoSample());

        Map<InteractionType, Long> byType = events.stream()
                .collect(Collectors.groupingBy(Interaction::type, Collectors.counting()));
        assertThat(events).hasSize(862);
        assertThat(byType).containsEntry(InteractionType.VIEW, 800L).containsEntry(InteractionType.CART, 52L)
                .containsEntry(InteractionType.PURCHASE, 10L);
        assertThat(events.stream().map(Interaction::user).distinct()).hasSize(20);
        assertThat(events.stream().map(Interaction::item).distinct()).hasSize(510);
        assertThat(events.get(0)).isEqualTo(
                new Interaction("0", "1517085", InteractionType.VIEW, 1_659_304_800_025L, "0"));
        assertThat(events.stream().collect(Collectors.toMap(Interaction::user, Interaction::session, (a, b) -> a)))
                .allSatisfy((user, session) -> assertThat(session).isEqualTo(user));
        assertThat(events.stream().map(Interaction::user).collect(Collectors.toSet()))
                .contains("12899778").doesNotContain("11");
    }
}
