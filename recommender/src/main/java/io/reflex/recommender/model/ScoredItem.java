package io.reflex.recommender.model;

/** A recommended item; scores are only comparable within one list. */
public record ScoredItem(String id, double score) {}
