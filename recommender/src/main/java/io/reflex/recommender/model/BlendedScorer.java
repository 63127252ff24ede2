package io.reflex.recommender.model;

import java.util.List;

/**
 * A weighted sum of scorers, each normalised to its best candidate first so that scales do not matter. Keeps one
 * scratch map per part (recommenders are single-threaded) so scoring allocates nothing in steady state.
 */
final class BlendedScorer implements ItemScorer {
    record Part(double weight, ItemScorer scorer) {
    }

    private final List<Part> parts;
    private final List<CandidateScores> scratch;

    BlendedScorer(List<Part> parts) {
        this.parts = List.copyOf(parts);
        this.scratch = parts.stream().map(p -> new CandidateScores()).toList();
    }

    @Override
    public void learn(Interaction e, UserHistory before) {
        for (Part part : parts) {
            part.scorer().learn(e, before);
        }
    }

    @Override
    public void score(UserHistory history, String session, CandidateScores out) {
        for (int i = 0; i < parts.size(); i++) {
            Part part = parts.get(i);
            if (part.weight() > 0) {
                CandidateScores own = scratch.get(i);
                own.clear();
                part.scorer().score(history, session, own);
                out.addNormalised(own, part.weight());
            }
        }
    }
}
