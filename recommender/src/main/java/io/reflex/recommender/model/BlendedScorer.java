package io.reflex.recommender.model;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;

/**
 * A weighted sum of scorers, each normalised to its best candidate first so that scales do not
 * matter. Each part scores into its own lane of the candidates ({@link CandidateScores#lane}),
 * which does the normalising and summing when the list is read; the parts themselves write one lane
 * each.
 */
final class BlendedScorer implements ItemScorer {
  record Part(double weight, ItemScorer scorer) {}

  private final List<Part> parts;

  BlendedScorer(List<Part> parts) {
    this.parts = List.copyOf(parts);
  }

  @Override
  public void learn(long item, Interaction e, UserHistory before) {
    for (Part part : parts) {
      part.scorer().learn(item, e, before);
    }
  }

  @Override
  public void score(UserHistory history, String session, CandidateScores out) {
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      if (part.weight() > 0) {
        out.lane(i, part.weight());
        part.scorer().score(history, session, out);
      }
    }
  }

  @Override
  public void writeTo(DataOutput out) throws IOException {
    for (Part part : parts) {
      part.scorer().writeTo(out);
    }
  }

  @Override
  public void readFrom(DataInput in) throws IOException {
    for (Part part : parts) {
      part.scorer().readFrom(in);
    }
  }

  @Override
  public int lanes() {
    return parts.size();
  }

  @Override
  public void forget(int slot) {
    for (Part part : parts) {
      part.scorer().forget(slot);
    }
  }
}
