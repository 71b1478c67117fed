package org.openkpi.acquisition.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;

import org.openkpi.acquisition.api.error.ApiException;

/** Converts amounts to the reporting currency with the tenant's FX rates; a missing rate is a VALIDATION error. */
final class Conversion {

    private final FxRates rates;

    Conversion(String reportingCurrency, Map<String, BigDecimal> stored) {
        this.rates = new FxRates(reportingCurrency);
        stored.forEach((key, rate) -> {
            int colon = key.indexOf(':');
            rates.put(key.substring(0, colon), LocalDate.parse(key.substring(colon + 1)), rate);
        });
    }

    String reportingCurrency() {
        return rates.reportingCurrency();
    }

    /** The converted amount (full precision, rounded at display), or null when no rate is effective on day. */
    BigDecimal convertOrNull(BigDecimal amount, String currency, LocalDate day) {
        BigDecimal rate = rates.rate(currency, day);
        return rate == null ? null : Ratios.plain(amount.multiply(rate).setScale(10, RoundingMode.HALF_UP));
    }

    BigDecimal convert(int index, BigDecimal amount, String currency, LocalDate day) {
        BigDecimal v = convertOrNull(amount, currency, day);
        if (v == null) {
            throw ApiException.validation(index, "currency", "no FX rate from " + currency + " to " + reportingCurrency()
                    + " effective on " + day + " (record it with recordAcquisitionFxRates first)");
        }
        return v;
    }
}
