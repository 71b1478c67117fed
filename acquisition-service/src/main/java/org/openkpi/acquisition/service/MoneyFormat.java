package org.openkpi.acquisition.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import org.openkpi.acquisition.api.model.Money;

/** Money in one currency, rounded to its minor unit. */
final class MoneyFormat {

    private final String currency;
    private final int scale;

    MoneyFormat(String currency) {
        this.currency = currency;
        this.scale = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    }

    Money of(BigDecimal amount) {
        return new Money(amount.setScale(scale, RoundingMode.HALF_UP), currency);
    }

    int scale() {
        return scale;
    }
}
