package io.reflex.common.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DocumentedKeysTest {

  /** First cell of a row of the key table: one or more keys in backticks, separated by " / ". */
  private static final Pattern KEY_CELL = Pattern.compile("^\\| (`[^|]+`) \\|", Pattern.MULTILINE);

  @Test
  @DisplayName("every key of reflex-defaults.yaml is documented in docs/configuration.md")
  void everyDefaultIsDocumented() throws Exception {
    Set<String> documented = documented(Files.readString(Path.of("../docs/configuration.md")));
    assertThat(KnownKeys.paths(ConfigDefaults.tree()))
        .allSatisfy(
            key -> assertThat(documented).as("docs/configuration.md, §3 Every key").contains(key));
  }

  /**
   * Keys of the table; {@code `a.b.c` / `d`} documents {@code a.b.c} and its sibling {@code a.b.d}.
   */
  private static Set<String> documented(String markdown) {
    Set<String> keys = new HashSet<>();
    Matcher row = KEY_CELL.matcher(markdown);
    while (row.find()) {
      String first = null;
      for (String cell : row.group(1).split(" / ")) {
        String key = cell.replace("`", "").trim();
        if (first == null) {
          first = key;
        } else if (!key.contains(".")) {
          key = first.substring(0, first.lastIndexOf('.') + 1) + key;
        }
        keys.add(key);
      }
    }
    return keys;
  }
}
