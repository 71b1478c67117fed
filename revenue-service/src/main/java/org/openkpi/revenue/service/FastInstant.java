package org.openkpi.revenue.service;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses the one instant shape integrations send nearly always, {@code 2024-03-01T09:30:00Z} (optional
 * fraction of up to 9 digits; {@code Z} or {@code +hh:mm}), without the general {@code DateTimeFormatter}
 * machinery, which dominated the parsing of large batches. Anything else returns null and is left to
 * {@link java.time.OffsetDateTime#parse}, so accepted values and error messages stay those of ISO-8601.
 */
final class FastInstant {

    private FastInstant() {
    }

    /** @return the instant, or null when {@code s} is not in the simple shape (it may still be valid ISO-8601) */
    static Instant parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            int count = i - start;
            if (count == 0 || count > 9) {
                return null;
            }
            nanos = digits(s, start, i);
            for (int k = count; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int oh = digits(s, i + 1, i + 3);
            int om = digits(s, i + 4, i + 6);
            if (oh < 0 || om < 0) {
                return null;
            }
            int total = oh * 3600 + om * 60;
            try {
                offset = ZoneOffset.ofTotalSeconds(s.charAt(i) == '-' ? -total : total);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(offset);
        } catch (DateTimeException e) {
            return null; // out of range: let the ISO parser word the error
        }
    }

    /** The non-negative decimal number in s[from, to), or -1 if any character is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
