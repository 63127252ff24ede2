package io.reflex.recommender.model;

/** The item part of a model: learns item relations from events and scores candidates for a user's history. */
interface ItemScorer {
    /** A scorer that knows nothing: the model is its popularity ranking alone (POP, RPOP). */
    ItemScorer NONE = new ItemScorer() {
        @Override
        public void learn(Interaction e, UserHistory before) {
        }

        @Override
        public void score(UserHistory history, String session, CandidateScores out) {
        }
    };

    /** Learns {@code e}; {@code before} is the user's history without {@code e} (empty for a new user). */
    void learn(Interaction e, UserHistory before);

    /** Adds scores for candidates given the user's history; {@code session} is the caller's, nullable. */
    void score(UserHistory history, String session, CandidateScores out);
}
