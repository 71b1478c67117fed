package org.openkpi.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

class LocalTokensTest {

    private static final KeyPair KEYS = LocalKeys.generate();

    private static JwtConsumer consumer(java.security.PublicKey key) {
        return new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer("https://kpi.local/issuer")
                .setExpectedAudience("kpi-suite")
                .setRequireExpirationTime()
                .setRequireSubject()
                .build();
    }

    @Test
    void demoTokenVerifiesWithThePublicKeyAndCarriesTheClaims() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String token = LocalTokens.forTenant(KEYS.getPrivate(), "demo", now);

        JwtClaims claims = consumer(KEYS.getPublic()).processToClaims(token);

        assertEquals("https://kpi.local/issuer", claims.getIssuer());
        assertEquals(List.of("kpi-suite"), claims.getAudience());
        assertEquals("demo-user", claims.getSubject());
        assertEquals("demo", claims.getStringClaimValue("tenant_id"));
        assertEquals(now.getEpochSecond(), claims.getIssuedAt().getValue());
        assertEquals(now.plusSeconds(12 * 3600).getEpochSecond(), claims.getExpirationTime().getValue());
        assertTrue(claims.getJwtId() != null && !claims.getJwtId().isBlank());
    }

    @Test
    void signatureIsPlainSha256WithRsaOverHeaderAndPayload() throws Exception {
        String token = LocalTokens.forTenant(KEYS.getPrivate(), "demo", Instant.now());
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        assertEquals("{\"alg\":\"RS256\",\"typ\":\"JWT\"}",
                new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8));
        assertFalse(token.contains("="), "base64url without padding");

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(KEYS.getPublic());
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(verifier.verify(Base64.getUrlDecoder().decode(parts[2])));
    }

    @Test
    void tokenDoesNotVerifyWithAnotherKey() {
        String token = LocalTokens.forTenant(KEYS.getPrivate(), "demo", Instant.now());
        KeyPair other = LocalKeys.generate();
        assertThrows(InvalidJwtException.class, () -> consumer(other.getPublic()).processToClaims(token));
    }

    @Test
    void expiredTokenIsRejected() {
        String token = LocalTokens.forTenant(KEYS.getPrivate(), "demo", Instant.now().minusSeconds(13 * 3600));
        assertThrows(InvalidJwtException.class, () -> consumer(KEYS.getPublic()).processToClaims(token));
    }

    @Test
    void tenantWithCharactersThatNeedEscapingSurvives() throws Exception {
        String tenant = "a\"b\\c\u00e9\n";
        String token = LocalTokens.forTenant(KEYS.getPrivate(), tenant, Instant.now());
        JwtClaims claims = consumer(KEYS.getPublic()).processToClaims(token);
        assertEquals(tenant, claims.getStringClaimValue("tenant_id"));
    }

    @Test
    void jsonWritesFlatValues() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", "x\u0001");
        value.put("n", 42L);
        value.put("b", true);
        value.put("l", List.of("a", 1));
        value.put("z", null);
        assertEquals("{\"s\":\"x\\u0001\",\"n\":42,\"b\":true,\"l\":[\"a\",1],\"z\":null}", LocalTokens.json(value));
    }
}
