package org.openkpi.revenue.repository;

import java.time.ZoneId;

import org.openkpi.revenue.engine.ChurnRecognition;
import org.openkpi.revenue.engine.EngineSettings;

/** A tenant's settings as stored. */
public record SettingsRow(String reportingCurrency, String timeZone, ChurnRecognition churnRecognition, int dunningDays) {

    public static final SettingsRow DEFAULTS = new SettingsRow("USD", "UTC", ChurnRecognition.AT_PERIOD_END, 30);

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public EngineSettings engineSettings() {
        return new EngineSettings(reportingCurrency, zone(), churnRecognition, dunningDays);
    }
}
