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

/** Field checks of batch elements; each failure names the element's index and the field. */
final class Fields {

    static final int MAX_ID_LENGTH = 200;
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
        return value.strip();
    }

    static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static Instant instant(int index, String field, String value) {
        String v = text(index, field, value);
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.validation(index, field, "malformed instant '" + v + "', expected ISO-8601 such as 2024-03-01T00:00:00Z");
        }
    }

    static Instant optionalInstant(int index, String field, String value) {
        return value == null || value.isBlank() ? null : instant(index, field, value);
    }

    static LocalDate date(int index, String field, String value) {
        String v = text(index, field, value);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(index, field, "malformed date '" + v + "', expected ISO-8601 such as 2024-03-01");
        }
    }

    static String currency(int index, String field, String value) {
        String v = text(index, field, value);
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
        String v = optionalText(value);
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
        return value;
    }
}
