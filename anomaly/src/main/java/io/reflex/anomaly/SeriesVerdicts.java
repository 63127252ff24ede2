package io.reflex.anomaly;

import io.reflex.anomaly.detector.Verdict;
import java.util.ArrayList;

/**
 * What observing {@link SeriesPoints} returns: a verdict per point (null for a repeated point whose
 * verdict is no longer kept) and how many points were repeats of logged points the series had
 * applied already.
 */
record SeriesVerdicts(ArrayList<Verdict> verdicts, int repeated) {}
