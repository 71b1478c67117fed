package org.openkpi.revenue.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

import org.openkpi.revenue.api.error.ApiException;

/**
 * Field checks of batch elements; each failure names the element's index and the field. The limits are the suite's
 * (README, Security): ids, codes and names 1..200 characters, free text at most 10,000, no C0 control character but
 * tab, CR and LF in any string, amounts with |amount| < 10^13 and at most 6 decimals, dates and instants in the years
 * 1970..2199.
 */
final class Fields {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_TEXT_LENGTH = 10_000;
    static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(13);
    static final int MAX_AMOUNT_SCALE = 6;
    static final BigDecimal MAX_RATE = BigDecimal.TEN.pow(6);
    static final int MAX_RATE_SCALE = 12;
    static final int MIN_YEAR = 1970;
    static final int MAX_YEAR = 2199;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Fields() {
    }

    static String id(int index, String field, String value) {
        return text(index, field, value, MAX_ID_LENGTH);
    }

    /** A required name (plan name, cost category): 1..200 characters. */
    static String name(int index, String field, String value) {
        return text(index, field, value, MAX_NAME_LENGTH);
    }

    /** An optional name or reference (customer name, segment, channel, tier, plan code): at most 200 characters. */
    static String optionalName(int index, String field, String value) {
        return value == null || value.isBlank() ? null : text(index, field, value, MAX_NAME_LENGTH);
    }

    /** Optional free text (a charge's description): at most 10,000 characters. */
    static String optionalText(int index, String field, String value) {
        return value == null || value.isBlank() ? null : text(index, field, value, MAX_TEXT_LENGTH);
    }

    private static String text(int index, String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.validation(index, field, "is required");
        }
        if (value.length() > max) {
            throw ApiException.validation(index, field, "longer than " + max + " characters");
        }
        clean(index, field, value);
        return value.strip();
    }

    /** Refuses C0 control characters other than tab, CR and LF (PostgreSQL cannot store NUL in text at all). */
    static void clean(int index, String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
                throw ApiException.validation(index, field, "contains control character U+" + String.format("%04X", (int) c)
                        + " at position " + i);
            }
        }
    }

    /** A value quoted in an error message: at most 40 characters, control characters escaped. */
    static String shown(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && i < 40; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return value.length() > 40 ? out + "..." : out.toString();
    }

    static Instant instant(int index, String field, String value) {
        String v = id(index, field, value);
        Instant parsed = FastInstant.parse(v);
        if (parsed == null) {
            try {
                parsed = OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.validation(index, field, "malformed instant '" + shown(v)
                        + "', expected ISO-8601 such as 2024-03-01T00:00:00Z");
            }
        }
        int year = parsed.atOffset(ZoneOffset.UTC).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw ApiException.validation(index, field, "year " + year + " is outside " + MIN_YEAR + ".." + MAX_YEAR);
        }
        return parsed;
    }

    static Instant optionalInstant(int index, String field, String value) {
        return value == null || value.isBlank() ? null : instant(index, field, value);
    }

    static LocalDate date(int index, String field, String value) {
        String v = id(index, field, value);
        LocalDate parsed;
        try {
            parsed = LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(index, field, "malformed date '" + shown(v) + "', expected ISO-8601 such as 2024-03-01");
        }
        if (parsed.getYear() < MIN_YEAR || parsed.getYear() > MAX_YEAR) {
            throw ApiException.validation(index, field, "year " + parsed.getYear() + " is outside " + MIN_YEAR + ".." + MAX_YEAR);
        }
        return parsed;
    }

    static String currency(int index, String field, String value) {
        String v = id(index, field, value);
        try {
            if (v.length() == 3 && v.equals(v.toUpperCase(Locale.ROOT))) {
                Currency.getInstance(v);
                return v;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw ApiException.validation(index, field, "unknown ISO-4217 currency '" + shown(v) + "'");
    }

    static String country(int index, String field, String value) {
        String v = optionalName(index, field, value);
        if (v != null && !COUNTRIES.contains(v)) {
            throw ApiException.validation(index, field, "unknown ISO 3166-1 alpha-2 country '" + shown(v) + "'");
        }
        return v;
    }

    /** A money amount >= 0. */
    static BigDecimal nonNegative(int index, String field, BigDecimal value) {
        BigDecimal v = amount(index, field, value);
        if (v.signum() < 0) {
            throw ApiException.validation(index, field, "must not be negative");
        }
        return v;
    }

    /** A money amount > 0. */
    static BigDecimal positive(int index, String field, BigDecimal value) {
        BigDecimal v = amount(index, field, value);
        if (v.signum() <= 0) {
            throw ApiException.validation(index, field, "must be greater than 0");
        }
        return v;
    }

    private static BigDecimal amount(int index, String field, BigDecimal value) {
        return bounded(index, field, value, MAX_AMOUNT, MAX_AMOUNT_SCALE);
    }

    /** An FX rate: > 0, below 10^6, at most 12 decimals (the stored precision). */
    static BigDecimal rate(int index, String field, BigDecimal value) {
        BigDecimal v = bounded(index, field, value, MAX_RATE, MAX_RATE_SCALE);
        if (v.signum() <= 0) {
            throw ApiException.validation(index, field, "must be greater than 0");
        }
        return v;
    }

    private static BigDecimal bounded(int index, String field, BigDecimal value, BigDecimal max, int maxScale) {
        if (value == null) {
            throw ApiException.validation(index, field, "is required");
        }
        if (value.abs().compareTo(max) >= 0) {
            throw ApiException.validation(index, field, "must be less than " + max.toPlainString() + " in magnitude");
        }
        if (value.stripTrailingZeros().scale() > maxScale) {
            throw ApiException.validation(index, field, "has more than " + maxScale + " decimals");
        }
        return value;
    }
}
