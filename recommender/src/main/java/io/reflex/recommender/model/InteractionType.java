package io.reflex.recommender.model;

/** What a shopper did with an item; the order is the strength of intent and is part of the {@link UserHistory} byte format. */
public enum InteractionType {
    VIEW, CART, PURCHASE
}
