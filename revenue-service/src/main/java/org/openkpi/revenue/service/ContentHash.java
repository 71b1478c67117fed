package org.openkpi.revenue.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

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
        StringBuilder sb = new StringBuilder();
        for (Object f : fields) {
            String s = f == null ? "\u0000" : f instanceof java.math.BigDecimal b ? Ratios.plain(b).toPlainString() : f.toString();
            sb.append(s.length()).append(':').append(s).append('|');
        }
        byte[] digest = SHA_256.get().digest(sb.toString().getBytes(StandardCharsets.UTF_8)); // digest() resets it for the next
        return Base64.getEncoder().withoutPadding().encodeToString(digest);
    }
}
