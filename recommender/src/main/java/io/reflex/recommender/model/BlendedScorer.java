package io.reflex.recommender.model;

import java.util.List;

/** A weighted sum of scorers, each normalised to its best candidate first so that scales do not matter. */
final class BlendedScorer implements ItemScorer {
    record Part(double weight, ItemScorer scorer) {
    }

    private final List<Part> parts;

    BlendedScorer(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    @Override
    public void learn(Interaction e, UserHistory before) {
        for (Part part : parts) {
            part.scorer().learn(e, before);
        }
    }

    @Override
    public void score(UserHistory history, String session, CandidateScores out) {
        for (Part part : parts) {
            if (part.weight() > 0) {
                CandidateScores own = new CandidateScores();
                part.scorer().score(history, session, own);
                out.addNormalised(own, part.weight());
            }
        }
    }
}
