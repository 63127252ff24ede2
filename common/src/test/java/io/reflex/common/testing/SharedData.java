package io.reflex.common.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The read-only shared data beside the checkout: {@code reflex.shared.dir} (set by surefire), else
 * {@code ../../shared}.
 */
public final class SharedData {

  private SharedData() {}

  /**
   * A file or directory under {@code shared/}, e.g. {@code data/nab-dev}; fails clearly when it is
   * missing.
   */
  public static Path resolve(String relative) {
    String configured = System.getProperty("reflex.shared.dir");
    Path path =
        (configured != null ? Path.of(configured) : Path.of("../../shared")).resolve(relative);
    if (!Files.exists(path)) {
      throw new IllegalStateException(relative + " not found at " + path.toAbsolutePath());
    }
    return path;
  }
}
