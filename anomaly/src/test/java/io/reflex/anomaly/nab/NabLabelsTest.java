package io.reflex.anomaly.nab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NabLabelsTest {

  @TempDir Path dir;

  @Test
  void windowEdgesAtARepeatedTimestampMapToItsFirstRow() throws IOException {
    Path csv = dir.resolve("f.csv");
    // Repeated timestamp and no final newline.
    Files.writeString(
        csv,
        "timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00,2\n"
            + "2014-01-01 00:05:00,3\n2014-01-01 00:10:00,4\n2014-01-01 00:15:00,5");
    NabSeries series = NabCorpusReader.read(csv, "cat/f.csv");
    Path json = dir.resolve("windows.json");
    Files.writeString(
        json,
        "{\"cat/f.csv\": [[\"2014-01-01 00:05:00.000000\", \"2014-01-01 00:10:00.000000\"]], \"cat/g.csv\": []}");
    NabLabels labels = NabLabels.read(json);

    assertThat(series.values()).containsExactly(1, 2, 3, 4, 5);
    assertThat(labels.windowsOf(series)).containsExactly(new Window(1, 3));
    assertThat(labels.seriesNames()).containsExactly("cat/f.csv", "cat/g.csv");
  }

  @Test
  void devSetMatchesItsManifest() throws IOException, NoSuchAlgorithmException {
    List<String> manifest = Files.readAllLines(NabDevSet.root().resolve("MANIFEST.tsv"));
    assertThat(manifest).hasSize(37);
    for (String line : manifest.subList(1, manifest.size())) {
      String[] cells = line.split("\t");
      NabSeries series =
          NabDevSet.corpus().stream()
              .filter(s -> s.name().equals(cells[0]))
              .findFirst()
              .orElseThrow();
      byte[] bytes = Files.readAllBytes(NabDevSet.root().resolve("data").resolve(cells[0]));
      assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
          .as(cells[0])
          .isEqualTo(cells[3]);
      assertThat(series.size()).as(cells[0]).isEqualTo(Integer.parseInt(cells[1]));
      assertThat(NabDevSet.labels().windowsOf(series))
          .as(cells[0])
          .hasSize(Integer.parseInt(cells[2]));
    }
  }
}
