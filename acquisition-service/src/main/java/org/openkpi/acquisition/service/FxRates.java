package org.openkpi.acquisition.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A tenant's FX rates: units of reporting currency per one unit of a currency, each effective from
 * its date until the next rate of the same currency.
 */
public final class FxRates {

    private final String reportingCurrency;
    private final Map<String, NavigableMap<LocalDate, BigDecimal>> rates = new HashMap<>();

    public FxRates(String reportingCurrency) {
        this.reportingCurrency = reportingCurrency;
    }

    public void put(String currency, LocalDate effectiveDate, BigDecimal rate) {
        rates.computeIfAbsent(currency, c -> new TreeMap<>()).put(effectiveDate, rate);
    }

    /** The rate effective on {@code date}, or null when none is. */
    public BigDecimal rate(String currency, LocalDate date) {
        if (currency.equals(reportingCurrency)) {
            return BigDecimal.ONE;
        }
        NavigableMap<LocalDate, BigDecimal> byDate = rates.get(currency);
        if (byDate == null) {
            return null;
        }
        Map.Entry<LocalDate, BigDecimal> entry = byDate.floorEntry(date);
        return entry == null ? null : entry.getValue();
    }

    public String reportingCurrency() {
        return reportingCurrency;
    }
}
