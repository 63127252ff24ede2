package io.reflex.recommender.model;

/** Popularity over the last {@code window} events exactly (RPOP): a ring of the events, counts kept ranked. */
final class WindowPopularity extends PopularityRanking {
    private final String[] items;
    private final double[] weights;
    private long recorded;

    WindowPopularity(int window) {
        this.items = new String[window];
        this.weights = new double[window];
    }

    @Override
    void record(String item, double weight, long timeMillis) {
        int slot = (int) (recorded++ % items.length);
        if (items[slot] != null) {
            counts.add(items[slot], -weights[slot]);
        }
        items[slot] = item;
        weights[slot] = weight;
        counts.add(item, weight);
    }
}
