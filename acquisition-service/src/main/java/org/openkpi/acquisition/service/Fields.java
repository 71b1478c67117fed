package org.openkpi.acquisition.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

import org.openkpi.acquisition.api.error.ApiException;

/**
 * Field checks of batch elements; each failure names the element's index and the field. The input limits (README
 * "Security"): ids, codes and names 1..200 characters; free text at most 10,000; no C0 control character other than
 * tab, CR and LF in any string; amounts finite, |amount| < 10^13 with at most 6 decimals; counts 0 .. 10^13;
 * dates and instants in the years 1970..2199.
 */
public final class Fields {

    public static final int MAX_ID_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 10_000;
    public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(13);
    public static final int MAX_AMOUNT_SCALE = 6;
    /** FX rates and probabilities may need more decimals than money. */
    public static final int MAX_RATE_SCALE = 12;
    public static final long MAX_COUNT = 10_000_000_000_000L;
    public static final int MIN_YEAR = 1970;
    public static final int MAX_YEAR = 2199;
    private static final int ECHO = 40;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private Fields() {
    }

    /** A required id, code or name: 1..200 characters after trimming, no control characters. */
    static String id(int index, String field, String value) {
        return limited(index, field, text(index, field, value), MAX_ID_LENGTH);
    }

    /** An optional name (null when blank): at most 200 characters, no control characters. */
    static String optionalName(int index, String field, String value) {
        String v = optionalText(value);
        return v == null ? null : limited(index, field, v, MAX_ID_LENGTH);
    }

    /** Optional free text (null when blank): at most 10,000 characters, no control characters but tab, CR and LF. */
    static String freeText(int index, String field, String value) {
        String v = optionalText(value);
        return v == null ? null : limited(index, field, v, MAX_TEXT_LENGTH);
    }

    private static String limited(int index, String field, String v, int max) {
        if (v.length() > max) {
            throw ApiException.validation(index, field, "longer than " + max + " characters");
        }
        checkCharacters(index, field, v);
        return v;
    }

    static void checkCharacters(int index, String field, String v) {
        int bad = controlCharacter(v);
        if (bad >= 0) {
            throw ApiException.validation(index, field, "contains the control character U+" + String.format("%04X", (int) v.charAt(bad))
                    + " at position " + bad);
        }
    }

    /** The position of the first C0 control character other than tab, CR and LF, or -1. */
    public static int controlCharacter(String v) {
        for (int k = 0; k < v.length(); k++) {
            char c = v.charAt(k);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
                return k;
            }
        }
        return -1;
    }

    /** A required value (not blank), trimmed, checked for control characters; callers parse or limit it further. */
    static String text(int index, String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.validation(index, field, "is required");
        }
        String v = value.strip();
        if (v.length() > MAX_TEXT_LENGTH) {
            throw ApiException.validation(index, field, "longer than " + MAX_TEXT_LENGTH + " characters");
        }
        checkCharacters(index, field, v);
        return v;
    }

    static String optionalText(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The start of a rejected value for an error message (never the whole of a huge one). */
    static String echo(String v) {
        String s = v.length() <= ECHO ? v : v.substring(0, ECHO) + "...";
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            out.append(c < 0x20 ? '?' : c);
        }
        return out.toString();
    }

    static Instant instant(int index, String field, String value) {
        String v = text(index, field, value);
        Instant at;
        try {
            at = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.validation(index, field, "malformed instant '" + echo(v) + "', expected ISO-8601 such as 2024-03-01T00:00:00Z");
        }
        year(index, field, at.atOffset(ZoneOffset.UTC).getYear());
        return at;
    }

    static Instant optionalInstant(int index, String field, String value) {
        return value == null || value.isBlank() ? null : instant(index, field, value);
    }

    static LocalDate date(int index, String field, String value) {
        String v = text(index, field, value);
        LocalDate day;
        try {
            day = LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(index, field, "malformed date '" + echo(v) + "', expected ISO-8601 such as 2024-03-01");
        }
        year(index, field, day.getYear());
        return day;
    }

    static void year(int index, String field, int year) {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw ApiException.validation(index, field, "year " + year + " is outside " + MIN_YEAR + ".." + MAX_YEAR);
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
        throw ApiException.validation(index, field, "unknown ISO-4217 currency '" + echo(v) + "'");
    }

    static String country(int index, String field, String value) {
        String v = optionalText(value);
        if (v != null && !COUNTRIES.contains(v)) {
            throw ApiException.validation(index, field, "unknown ISO 3166-1 alpha-2 country '" + echo(v) + "'");
        }
        return v;
    }

    /** A money amount: required, |amount| < 10^13, at most 6 decimals (trailing zeros do not count). */
    static BigDecimal amount(int index, String field, BigDecimal value) {
        return bounded(index, field, value, MAX_AMOUNT_SCALE);
    }

    private static BigDecimal bounded(int index, String field, BigDecimal value, int maxScale) {
        if (value == null) {
            throw ApiException.validation(index, field, "is required");
        }
        if (value.abs().compareTo(MAX_AMOUNT) >= 0) {
            throw ApiException.validation(index, field, "must be less than 10^13 in magnitude");
        }
        if (value.stripTrailingZeros().scale() > maxScale) {
            throw ApiException.validation(index, field, "has more than " + maxScale + " decimals");
        }
        return value;
    }

    /** A non-negative money amount. */
    static BigDecimal nonNegative(int index, String field, BigDecimal value) {
        BigDecimal v = amount(index, field, value);
        if (v.signum() < 0) {
            throw ApiException.validation(index, field, "must not be negative");
        }
        return v;
    }

    /** A positive rate (FX): < 10^13, at most 12 decimals. */
    static BigDecimal positiveRate(int index, String field, BigDecimal value) {
        BigDecimal v = bounded(index, field, value, MAX_RATE_SCALE);
        if (v.signum() <= 0) {
            throw ApiException.validation(index, field, "must be greater than 0");
        }
        return v;
    }

    /** A probability 0..1 with at most 12 decimals. */
    static BigDecimal probability(int index, String field, BigDecimal value) {
        BigDecimal v = bounded(index, field, value, MAX_RATE_SCALE);
        if (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0) {
            throw ApiException.validation(index, field, "must be between 0 and 1");
        }
        return v;
    }

    /** A count: required, 0 .. 10^13. */
    static long count(int index, String field, Long value) {
        if (value == null) {
            throw ApiException.validation(index, field, "is required");
        }
        if (value < 0 || value > MAX_COUNT) {
            throw ApiException.validation(index, field, "must be between 0 and 10^13");
        }
        return value;
    }
}
