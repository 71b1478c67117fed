package org.openkpi.deploy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Mints the RS256 bearer tokens of the local suite with the JDK alone (SHA256withRSA over
 * base64url JSON), as the tenant's OIDC provider would in production.
 */
public final class LocalTokens {

    public static final String ISSUER = "https://kpi.local/issuer";
    public static final String AUDIENCE = "kpi-suite";
    public static final String TENANT_CLAIM = "tenant_id";
    public static final String DEMO_TENANT = "demo";
    public static final Duration LIFETIME = Duration.ofHours(12);
    /** Every role of the suite (README "Security"): the local user may read, ingest and administer. */
    public static final List<String> ALL_ROLES = List.of("kpi-viewer", "kpi-writer", "kpi-admin");

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private LocalTokens() {
    }

    /**
     * The claims of a token for a user of {@code tenant} holding {@code roles} (claim {@code groups}), issued at
     * {@code now}, valid for {@link #LIFETIME}.
     */
    public static Map<String, Object> claimsFor(String tenant, Instant now, List<String> roles) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", AUDIENCE);
        claims.put("sub", tenant + "-user");
        claims.put("preferred_username", tenant + "-user");
        claims.put(TENANT_CLAIM, tenant);
        claims.put("groups", roles);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        return claims;
    }

    /** A token of a user of {@code tenant} with {@link #ALL_ROLES}. */
    public static String forTenant(PrivateKey key, String tenant, Instant now) {
        return forTenant(key, tenant, now, ALL_ROLES);
    }

    public static String forTenant(PrivateKey key, String tenant, Instant now, List<String> roles) {
        return sign(key, claimsFor(tenant, now, roles));
    }

    /** A compact JWS: base64url(header).base64url(claims).base64url(SHA256withRSA signature). */
    public static String sign(PrivateKey key, Map<String, Object> claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", "RS256");
        header.put("typ", "JWT");
        String signingInput = base64url(json(header)) + "." + base64url(json(claims));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign the token", e);
        }
    }

    private static String base64url(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    /** JSON for the flat values a token needs: strings, numbers, booleans, lists of those, null. */
    static String json(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            quote(out, s);
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                quote(out, String.valueOf(e.getKey()));
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof Collection<?> list) {
            out.append('[');
            boolean first = true;
            for (Object item : list) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(out, item);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
        }
    }

    private static void quote(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
