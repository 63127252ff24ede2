package io.reflex.anomaly.detector;

import java.io.Serializable;

/**
 * The detector's view of one point.
 *
 * @param score anomaly score in [0, 1]; comparable across series (one global threshold)
 * @param alert true only on the first point of an anomalous episode at the detector's sensitivity
 * @param expectedLow low end of the value range the detector considered normal for this point
 * @param expectedHigh high end of that range
 * @param reason short human-readable cause when the score is high, empty otherwise
 */
public record Verdict(
    double score, boolean alert, double expectedLow, double expectedHigh, String reason)
    implements Serializable {}
