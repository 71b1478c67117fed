package org.openkpi.revenue.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;

import org.openkpi.revenue.util.IsoText;

/** A digest of a fact's normalised fields, to tell "same fact again" from "changed fact". */
final class ContentHash {

    /** One digest per thread, reused: looking the algorithm up among the security providers costs more than hashing a fact. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private ContentHash() {
    }

    static String of(Object... fields) {
        StringBuilder sb = new StringBuilder(256);
        StringBuilder instant = null;
        for (Object f : fields) {
            if (f instanceof Instant i) { // the text of Instant.toString, without its formatter
                instant = instant == null ? new StringBuilder(32) : instant;
                instant.setLength(0);
                IsoText.appendInstant(instant, i);
                sb.append(instant.length()).append(':').append(instant).append('|');
                continue;
            }
            String s = f == null ? "\u0000" : f instanceof java.math.BigDecimal b ? Ratios.plain(b).toPlainString() : f.toString();
            sb.append(s.length()).append(':').append(s).append('|');
        }
        byte[] digest = SHA_256.get().digest(sb.toString().getBytes(StandardCharsets.UTF_8)); // digest() resets it for the next
        return Base64.getEncoder().withoutPadding().encodeToString(digest);
    }
}
