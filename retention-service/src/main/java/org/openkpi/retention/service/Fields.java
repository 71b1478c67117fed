package org.openkpi.retention.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

import org.openkpi.retention.api.error.ApiException;

/**
 * Field checks of batch elements; each failure names the element's index and the field. The limits (README "Security"):
 * external ids, codes and names 1..200 characters; free text at most 10,000; no C0 control character except tab, CR and
 * LF in any string (PostgreSQL refuses NUL in text); amounts |a| < 10^13 with at most 6 decimals; instants and dates in
 * the years 1970..2199.
 */
public final class Fields {

    public static final int MAX_ID_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 10_000;
    public static final int MIN_YEAR = 1970;
    public static final int MAX_YEAR = 2199;
    public static final int MAX_SCALE = 6;
    public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(13);
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Fields() {
    }

    static String id(int index, String field, String value) {
        String v = text(index, field, value);
        if (v.length() > MAX_ID_LENGTH) {
            throw ApiException.validation(index, field, "longer than " + MAX_ID_LENGTH + " characters");
        }
        return v;
    }

    static String text(int index, String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.validation(index, field, "is required");
        }
        printable(index, field, value);
        return value.strip();
    }

    /** An optional id (1..200 characters when present). */
    static String optionalId(int index, String field, String value) {
        return value == null || value.isBlank() ? null : id(index, field, value);
    }

    /** Optional free text, kept verbatim: at most 10,000 characters. */
    static String freeText(int index, String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw ApiException.validation(index, field, "longer than " + MAX_TEXT_LENGTH + " characters");
        }
        printable(index, field, value);
        return value;
    }

    /** Refuses C0 control characters other than tab, CR and LF (NUL included). */
    static void printable(int index, String field, String value) {
        if (!isPrintable(value)) {
            throw ApiException.validation(index, field, "contains a control character");
        }
    }

    public static boolean isPrintable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
                return false;
            }
        }
        return true;
    }

    /** A lookup key from a query argument (an external id): 1..200 characters without control characters. */
    public static boolean isLookupId(String value) {
        return value != null && !value.isEmpty() && value.length() <= MAX_ID_LENGTH && isPrintable(value);
    }

    static Instant instant(int index, String field, String value) {
        String v = text(index, field, value);
        if (v.length() > 64) {
            throw ApiException.validation(index, field, "malformed instant, expected ISO-8601 such as 2024-03-01T00:00:00Z");
        }
        OffsetDateTime t;
        try {
            t = OffsetDateTime.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(index, field, "malformed instant '" + v + "', expected ISO-8601 such as 2024-03-01T00:00:00Z");
        }
        Instant at = t.toInstant();
        int year = at.atOffset(java.time.ZoneOffset.UTC).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw ApiException.validation(index, field, "must be in the years " + MIN_YEAR + " to " + MAX_YEAR);
        }
        return at;
    }

    static Instant optionalInstant(int index, String field, String value) {
        return value == null || value.isBlank() ? null : instant(index, field, value);
    }

    static LocalDate date(int index, String field, String value) {
        String v = text(index, field, value);
        if (v.length() > 32) {
            throw ApiException.validation(index, field, "malformed date, expected ISO-8601 such as 2024-03-01");
        }
        LocalDate d;
        try {
            d = LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(index, field, "malformed date '" + v + "', expected ISO-8601 such as 2024-03-01");
        }
        if (d.getYear() < MIN_YEAR || d.getYear() > MAX_YEAR) {
            throw ApiException.validation(index, field, "must be in the years " + MIN_YEAR + " to " + MAX_YEAR);
        }
        return d;
    }

    static String currency(int index, String field, String value) {
        String v = text(index, field, value);
        if (v.length() > 3) {
            throw ApiException.validation(index, field, "unknown ISO-4217 currency");
        }
        try {
            if (v.length() == 3 && v.equals(v.toUpperCase(Locale.ROOT))) {
                Currency.getInstance(v);
                return v;
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        throw ApiException.validation(index, field, "unknown ISO-4217 currency '" + v + "'");
    }

    static String country(int index, String field, String value) {
        String v = value == null || value.isBlank() ? null : text(index, field, value);
        if (v != null && !COUNTRIES.contains(v)) {
            throw ApiException.validation(index, field, "unknown ISO 3166-1 alpha-2 country '" + v + "'");
        }
        return v;
    }

    static BigDecimal nonNegative(int index, String field, BigDecimal value) {
        if (value == null) {
            throw ApiException.validation(index, field, "is required");
        }
        if (value.signum() < 0) {
            throw ApiException.validation(index, field, "must not be negative");
        }
        return value;
    }

    static BigDecimal positive(int index, String field, BigDecimal value) {
        if (value == null) {
            throw ApiException.validation(index, field, "is required");
        }
        if (value.signum() <= 0) {
            throw ApiException.validation(index, field, "must be greater than 0");
        }
        return amount(index, field, value);
    }

    /** |value| < 10^13 and at most 6 decimals (trailing zeros do not count). */
    static BigDecimal amount(int index, String field, BigDecimal value) {
        if (value.abs().compareTo(MAX_AMOUNT) >= 0) {
            throw ApiException.validation(index, field, "must be less than 10^13 in magnitude");
        }
        BigDecimal v = value.scale() > MAX_SCALE ? value.stripTrailingZeros() : value;
        if (v.scale() > MAX_SCALE) {
            throw ApiException.validation(index, field, "has more than " + MAX_SCALE + " decimals");
        }
        return v.scale() < 0 ? v.setScale(0) : v;
    }
}
