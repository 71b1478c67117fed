package org.openkpi.support.service;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.openkpi.support.api.error.ApiException;

/** Field checks of batch elements; each failure names the element's index and the field. */
final class Fields {

    static final int MAX_ID_LENGTH = 200;

    private Fields() {
    }

    static String id(int index, String field, String value) {
        String v = text(index, field, value);
        if (v.length() > MAX_ID_LENGTH) {
            throw ApiException.validation(index, field, "longer than " + MAX_ID_LENGTH + " characters");
        }
        return v;
    }

    static String optionalId(int index, String field, String value) {
        return value == null || value.isBlank() ? null : id(index, field, value);
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
            throw ApiException.validation(index, field, "malformed instant '" + v + "', expected ISO-8601 such as 2024-03-01T09:30:00Z");
        }
    }

    static LocalDate date(int index, String field, String value) {
        String v = text(index, field, value);
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(index, field, "malformed date '" + v + "', expected ISO-8601 such as 2024-03-01");
        }
    }
}
