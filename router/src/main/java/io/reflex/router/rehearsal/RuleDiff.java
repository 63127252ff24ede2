package io.reflex.router.rehearsal;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;

/**
 * One rule's outputs under the running and the candidate rules: counts of added, removed and
 * changed, and samples.
 */
record RuleDiff(
    int added,
    int removed,
    int changed,
    JsonArray addedSample,
    JsonArray removedSample,
    JsonArray changedSample) {

  static RuleDiff of(
      Map<String, RehearsedOutput> running, Map<String, RehearsedOutput> candidate, int samples) {
    JsonArray addedSample = new JsonArray();
    JsonArray removedSample = new JsonArray();
    JsonArray changedSample = new JsonArray();
    int added = 0;
    int removed = 0;
    int changed = 0;
    for (Map.Entry<String, RehearsedOutput> output : candidate.entrySet()) {
      RehearsedOutput old = running.get(output.getKey());
      if (old == null) {
        added++;
        sample(addedSample, samples, describe(output.getValue()));
      } else if (!old.event().json().equals(output.getValue().event().json())) {
        changed++;
        sample(
            changedSample,
            samples,
            new JsonObject()
                .put("running", describe(old))
                .put("candidate", describe(output.getValue())));
      }
    }
    for (Map.Entry<String, RehearsedOutput> output : running.entrySet()) {
      if (!candidate.containsKey(output.getKey())) {
        removed++;
        sample(removedSample, samples, describe(output.getValue()));
      }
    }
    return new RuleDiff(added, removed, changed, addedSample, removedSample, changedSample);
  }

  boolean differs() {
    return added + removed + changed > 0;
  }

  JsonObject toJson() {
    return new JsonObject()
        .put("added", added)
        .put("removed", removed)
        .put("changed", changed)
        .put(
            "samples",
            new JsonObject()
                .put("added", addedSample)
                .put("removed", removedSample)
                .put("changed", changedSample));
  }

  private static void sample(JsonArray sample, int size, Object output) {
    if (sample.size() < size) {
      sample.add(output);
    }
  }

  private static JsonObject describe(RehearsedOutput output) {
    return new JsonObject()
        .put("action", output.action())
        .put("target", output.target())
        .put("event", output.event().json());
  }
}
