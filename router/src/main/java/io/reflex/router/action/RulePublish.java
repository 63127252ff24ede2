package io.reflex.router.action;

/** A publish action of a rule: the rule names the records that end in the dead-letter topic. */
public record RulePublish(String rule, Publish publish) {}
