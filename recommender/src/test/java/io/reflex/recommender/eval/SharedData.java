package io.reflex.recommender.eval;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the read-only shared data: {@code reflex.shared.dir} (set by surefire), else {@code ../../shared}. */
public final class SharedData {
    private SharedData() {
    }

    public static Path ottoSample() {
        String configured = System.getProperty("reflex.shared.dir");
        Path shared = configured != null ? Path.of(configured) : Path.of("../../shared");
        Path file = shared.resolve("data/otto-sample/train.jsonl");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("OTTO sample not found at " + file.toAbsolutePath());
        }
        return file;
    }
}
