package org.openkpi.revenue.engine;

import java.time.ZoneId;

/** The tenant settings the engine depends on. */
public record EngineSettings(String reportingCurrency, ZoneId zone, ChurnRecognition churnRecognition, int dunningDays) {
}
