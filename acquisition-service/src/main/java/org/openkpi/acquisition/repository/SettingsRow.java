package org.openkpi.acquisition.repository;

import java.time.ZoneId;

/** A tenant's settings as stored. */
public record SettingsRow(String reportingCurrency, String timeZone, int conversionWindowDays) {

    public static final SettingsRow DEFAULTS = new SettingsRow("USD", "UTC", 30);

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }
}
