package io.reflex.gateway.ws;

/** One client subscription: the connection it belongs to and the client's own name for it. */
record SubscriptionKey(long connection, String sub) {}
