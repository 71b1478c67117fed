package org.openkpi.support.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.openkpi.support.api.error.ApiException;

/**
 * Field checks of inputs; each failure is a VALIDATION naming the element's index (for batch elements) and the field.
 * The limits, the same in every service: external ids, codes and names 1 to 200 characters; free text at most 10,000;
 * no C0 control character other than tab, CR and LF in any string (PostgreSQL rejects NUL); instants and dates in the
 * years 1970 to 2199; amounts (here: SLA target hours) finite with |value| &lt; 10^13 and at most 6 decimals.
 */
public final class Fields {

    public static final int MAX_ID_LENGTH = 200;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_TEXT_LENGTH = 10_000;
    public static final int MIN_YEAR = 1970;
    public static final int MAX_YEAR = 2199;
    static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(13);
    static final int MAX_SCALE = 6;

    private Fields() {
    }

    static String id(int index, String field, String value) {
        String v = text(index, field, value);
        if (v.length() > MAX_ID_LENGTH) {
            throw fault(index, field, "longer than " + MAX_ID_LENGTH + " characters");
        }
        return v;
    }

    static String optionalId(int index, String field, String value) {
        return value == null || value.isBlank() ? null : id(index, field, value);
    }

    static String text(int index, String field, String value) {
        if (value == null || value.isBlank()) {
            throw fault(index, field, "is required");
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw fault(index, field, "longer than " + MAX_TEXT_LENGTH + " characters");
        }
        noControl(index, field, value);
        return value.strip();
    }

    /** An optional display name: null when blank, else 1 to 200 characters without control characters. */
    static String optionalName(int index, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT_LENGTH) {
            throw fault(index, field, "longer than " + MAX_NAME_LENGTH + " characters");
        }
        noControl(index, field, value);
        String v = value.strip();
        if (v.length() > MAX_NAME_LENGTH) {
            throw fault(index, field, "longer than " + MAX_NAME_LENGTH + " characters");
        }
        return v;
    }

    /** No C0 control character except tab, CR and LF. */
    static void noControl(int index, String field, String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
                throw fault(index, field, "contains the control character U+" + String.format("%04X", (int) c) + " at position " + i);
            }
        }
    }

    static Instant instant(int index, String field, String value) {
        String v = text(index, field, value);
        Instant instant;
        try {
            instant = OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException e) {
            throw fault(index, field, "malformed instant '" + shorten(v) + "', expected ISO-8601 such as 2024-03-01T09:30:00Z");
        }
        int year = instant.atOffset(ZoneOffset.UTC).getYear();
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw fault(index, field, "the year must be " + MIN_YEAR + " to " + MAX_YEAR + ", got " + year);
        }
        return instant;
    }

    static LocalDate date(int index, String field, String value) {
        String v = text(index, field, value);
        LocalDate date;
        try {
            date = LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw fault(index, field, "malformed date '" + shorten(v) + "', expected ISO-8601 such as 2024-03-01");
        }
        return inYears(index, field, date);
    }

    static LocalDate inYears(int index, String field, LocalDate date) {
        if (date != null && (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR)) {
            throw fault(index, field, "the year must be " + MIN_YEAR + " to " + MAX_YEAR + ", got " + date.getYear());
        }
        return date;
    }

    /** A positive amount: finite (BigDecimal), |value| &lt; 10^13, at most 6 decimals. */
    static BigDecimal positiveAmount(int index, String field, BigDecimal v) {
        if (v == null || v.signum() <= 0) {
            throw fault(index, field, "must be greater than 0");
        }
        if (v.abs().compareTo(MAX_AMOUNT) >= 0) {
            throw fault(index, field, "must be less than 10^13");
        }
        if (v.stripTrailingZeros().scale() > MAX_SCALE) {
            throw fault(index, field, "at most " + MAX_SCALE + " decimals");
        }
        return v;
    }

    /**
     * A value a query compares with stored ids (a filter value, a customer or team id, a cursor): at most 200 characters
     * (a longer one matches nothing anyway) and no control character.
     */
    public static String queryValue(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw ApiException.validation(field, "longer than " + MAX_ID_LENGTH + " characters");
        }
        noControl(-1, field, value);
        return value;
    }

    public static List<String> queryValues(String field, List<String> values) {
        if (values != null) {
            values.forEach(v -> queryValue(field, v));
        }
        return values;
    }

    private static ApiException fault(int index, String field, String message) {
        return index < 0 ? ApiException.validation(field, message) : ApiException.validation(index, field, message);
    }

    /** Echoes at most 40 characters of a bad value. */
    private static String shorten(String v) {
        return v.length() <= 40 ? v : v.substring(0, 40) + "...";
    }
}
