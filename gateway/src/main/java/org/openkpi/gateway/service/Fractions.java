package org.openkpi.gateway.service;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.openkpi.gateway.api.model.Ratio;

/** Exact arithmetic for the cross-domain KPIs: inputs are carried unrounded, each KPI is rounded once. */
public final class Fractions {

    /** Scale of ratios (as the services use); money results use 2 decimals. */
    static final int RATIO_SCALE = 10;
    static final int MONEY_SCALE = 2;
    private static final MathContext WORK = new MathContext(34, RoundingMode.HALF_EVEN);

    private Fractions() {
    }

    /** @return numerator / denominator unrounded (34 significant digits), or null when either is null or the denominator is 0 */
    static BigDecimal divide(BigDecimal numerator, BigDecimal denominator) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, WORK);
    }

    static BigDecimal multiply(BigDecimal a, BigDecimal b) {
        return a == null || b == null ? null : a.multiply(b, WORK);
    }

    /** A ratio whose value is rounded to {@code scale}; null with the first applicable reason when it cannot be computed. */
    static Ratio ratio(BigDecimal numerator, BigDecimal denominator, int scale, String reason) {
        BigDecimal n = numerator == null ? BigDecimal.ZERO : plain(numerator.setScale(Math.max(scale, RATIO_SCALE), RoundingMode.HALF_UP));
        BigDecimal d = denominator == null ? BigDecimal.ZERO : plain(denominator.setScale(RATIO_SCALE, RoundingMode.HALF_UP));
        if (reason != null) {
            return new Ratio(null, n, d, reason);
        }
        if (numerator == null || denominator == null) {
            return new Ratio(null, n, d, "an input is missing");
        }
        if (denominator.signum() == 0) {
            return new Ratio(null, n, d, "the denominator is zero");
        }
        return new Ratio(plain(numerator.divide(denominator, WORK).setScale(scale, RoundingMode.HALF_UP)), n, d, null);
    }

    public static BigDecimal plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }
}
