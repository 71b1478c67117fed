package org.openkpi.retention.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** A digest of a fact's normalised fields, to tell "same fact again" from "changed fact". */
final class ContentHash {

    private ContentHash() {
    }

    static String of(Object... fields) {
        StringBuilder sb = new StringBuilder();
        for (Object f : fields) {
            String s = f == null ? "\u0000" : f instanceof java.math.BigDecimal b ? Ratios.plain(b).toPlainString() : f.toString();
            sb.append(s.length()).append(':').append(s).append('|');
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
