package org.openkpi.revenue.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

import org.openkpi.revenue.util.IsoText;

/**
 * A digest of a fact's normalised fields, to tell "same fact again" from "changed fact": the SHA-256 of the UTF-8 text
 * {@code length:value|} per field (length in UTF-16 units; null as the one character U+0000; a decimal as its plain
 * string without trailing zeros; an instant as {@code Instant.toString} writes it), base64 without padding. Stored
 * hashes depend on exactly this text, so it must not change.
 */
final class ContentHash {

    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();

    /**
     * Per thread, the digest and the buffers the text is built in, reused: a fact is hashed for every ingested
     * element, and looking the algorithm up among the security providers costs more than hashing one.
     */
    private static final ThreadLocal<Hasher> HASHER = ThreadLocal.withInitial(Hasher::new);

    private ContentHash() {
    }

    static String of(Object... fields) {
        return HASHER.get().hash(fields);
    }

    private static final class Hasher {
        private final MessageDigest sha256;
        private final StringBuilder text = new StringBuilder(32);
        private byte[] bytes = new byte[256];
        private int length;

        Hasher() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        String hash(Object[] fields) {
            length = 0;
            for (Object f : fields) {
                if (f instanceof Instant i) { // the text of Instant.toString, without its formatter
                    text.setLength(0);
                    IsoText.appendInstant(text, i);
                    field(text);
                } else {
                    field(f == null ? "\u0000" : f instanceof java.math.BigDecimal b ? Ratios.plain(b).toPlainString() : f.toString());
                }
            }
            sha256.update(bytes, 0, length);
            return BASE64.encodeToString(sha256.digest()); // digest() resets it for the next
        }

        /** Appends {@code length:value|} in UTF-8. */
        private void field(CharSequence value) {
            int n = value.length();
            ensure(12 + n);
            appendLength(n);
            bytes[length++] = ':';
            int i = 0;
            while (i < n && value.charAt(i) < 0x80) {
                bytes[length++] = (byte) value.charAt(i++);
            }
            if (i < n) { // not ASCII: the rest as String.getBytes encodes it (an unpaired surrogate as '?')
                byte[] rest = value.subSequence(i, n).toString().getBytes(StandardCharsets.UTF_8);
                ensure(rest.length + 1);
                System.arraycopy(rest, 0, bytes, length, rest.length);
                length += rest.length;
            }
            bytes[length++] = '|';
        }

        /** Appends a length's decimal digits. */
        private void appendLength(int value) {
            int digits = 1;
            for (int rest = value; rest >= 10; rest /= 10) {
                digits++;
            }
            for (int k = digits - 1, rest = value; k >= 0; k--, rest /= 10) {
                bytes[length + k] = (byte) ('0' + rest % 10);
            }
            length += digits;
        }

        private void ensure(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
