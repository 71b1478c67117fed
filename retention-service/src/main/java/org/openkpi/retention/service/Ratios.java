package org.openkpi.retention.service;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.openkpi.retention.api.model.Ratio;

/** Builds {@link Ratio}s: null with a reason when the denominator is zero, never 0, NaN or Infinity. */
public final class Ratios {

    public static final int SCALE = 10;

    private Ratios() {
    }

    public static Ratio of(BigDecimal numerator, BigDecimal denominator, String reasonIfUndefined) {
        return of(numerator, denominator, SCALE, reasonIfUndefined);
    }

    public static Ratio of(long numerator, long denominator, String reasonIfUndefined) {
        return of(BigDecimal.valueOf(numerator), BigDecimal.valueOf(denominator), reasonIfUndefined);
    }

    /** A ratio rounded to {@code scale} decimals (a money ratio such as ARPA uses the currency's minor unit). */
    public static Ratio of(BigDecimal numerator, BigDecimal denominator, int scale, String reasonIfUndefined) {
        if (denominator.signum() == 0) {
            return new Ratio(null, numerator, denominator, reasonIfUndefined);
        }
        return new Ratio(plain(numerator.divide(denominator, scale, RoundingMode.HALF_UP)), numerator, denominator, null);
    }

    /** Drops trailing zeros without switching to exponent notation. */
    public static BigDecimal plain(BigDecimal v) {
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
