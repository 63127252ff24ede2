package io.reflex.router.rules;

import io.reflex.router.action.Action;
import java.util.List;

/** A field rule: an EventBridge pattern and the actions to run for each event that matches it. */
public record Rule(String id, String description, String pattern, List<Action> actions) {}
