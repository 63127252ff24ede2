package io.reflex.router.action;

/** What a rule does when an event matches it. */
public sealed interface Action permits Deliver, Emit, Publish {}
