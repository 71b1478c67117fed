package org.openkpi.revenue.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.openkpi.revenue.engine.EventType;

/**
 * Stored facts carry their content hash, and a fact sent again is "unchanged" only if its hash is the stored one, so
 * the hash of given fields must never change. The reference here is the text the hash is defined on, built with
 * strings and {@link String#getBytes}.
 */
class ContentHashTest {

    private static String reference(Object... fields) throws Exception {
        StringBuilder sb = new StringBuilder();
        for (Object f : fields) {
            String s = f == null ? "\u0000"
                    : f instanceof BigDecimal b ? Ratios.plain(b).toPlainString()
                    : f.toString(); // Instant.toString is the text IsoText writes
            sb.append(s.length()).append(':').append(s).append('|');
        }
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().withoutPadding().encodeToString(digest);
    }

    @Test
    void knownFactHashesStayTheSame() throws Exception {
        Object[] fact = {"cus-1", "sub-1", EventType.PLAN_CHANGED, Instant.parse("2024-03-05T10:15:30Z"), "pro-monthly", 3, null,
            new BigDecimal("12.500"), null, null, null};
        assertEquals(reference(fact), ContentHash.of(fact));
        // the digest of the text 1:a|1:<U+0000>|1:1|3:1.5|, computed outside Java, so that the reference cannot drift either
        assertEquals("kVkNp5/h1Jx8qnYxyn+Z/pvfnWJw21ZcElDgdQOeazE", ContentHash.of("a", null, 1, new BigDecimal("1.50")));
        assertNotEquals(ContentHash.of("ab", "c"), ContentHash.of("a", "bc"));
        assertNotEquals(ContentHash.of((Object) null), ContentHash.of("\u0000\u0000"));
    }

    @Test
    void randomFieldsHashAsTheirText() throws Exception {
        Random random = new Random(7);
        String[] pieces = {"", "a", "cus-12345", "é", "中文", "😀", "\ud83d", "\ude00x", "\u0000", "|", ":", "12:", "x".repeat(300)};
        for (int round = 0; round < 20_000; round++) {
            List<Object> fields = new ArrayList<>();
            int n = 1 + random.nextInt(12);
            for (int k = 0; k < n; k++) {
                fields.add(switch (random.nextInt(7)) {
                    case 0 -> null;
                    case 1 -> BigDecimal.valueOf(random.nextLong() % 1_000_000_000, random.nextInt(8) - 2);
                    case 2 -> Instant.ofEpochSecond(random.nextLong() % 100_000_000_000L, random.nextInt(3) == 0 ? random.nextInt(1_000_000_000) : 0);
                    case 3 -> random.nextInt(100_000);
                    case 4 -> EventType.values()[random.nextInt(EventType.values().length)];
                    default -> pieces[random.nextInt(pieces.length)] + pieces[random.nextInt(pieces.length)];
                });
            }
            Object[] array = fields.toArray();
            assertEquals(reference(array), ContentHash.of(array), () -> fields.toString());
        }
    }
}
