package io.reflex.router.rehearsal;

import io.reflex.common.event.CloudEvent;

/**
 * What a rule did in a rehearsal: {@code emit} (the derived event), {@code deliver} (target = the
 * service, event = the delivered event) or {@code publish} (target = the topic).
 */
public record RehearsedOutput(String rule, String action, String target, CloudEvent event) {}
