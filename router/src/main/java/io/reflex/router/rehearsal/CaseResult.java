package io.reflex.router.rehearsal;

import java.util.List;

/**
 * How a case went: the expected outputs not produced, the derived events produced but not expected,
 * and the outputs expected absent that were produced anyway. Deliveries and publishes count only
 * where an expectation names them.
 */
public record CaseResult(
    String name,
    int events,
    List<RehearsedOutput> outputs,
    List<Expectation> missing,
    List<RehearsedOutput> unexpected,
    List<RehearsedOutput> forbidden) {

  public boolean passed() {
    return missing.isEmpty() && unexpected.isEmpty() && forbidden.isEmpty();
  }
}
