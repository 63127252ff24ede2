package io.reflex.recommender.model;

/**
 * What a shopper did with an item; the order is the strength of intent and the index of per-type
 * weight arrays.
 */
public enum InteractionType {
  VIEW,
  CART,
  PURCHASE
}
