package org.openkpi.deploy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeysTest {

    @TempDir
    Path dir;

    @Test
    void generatesOnceAndReloadsTheSamePair() throws Exception {
        Path keys = dir.resolve("keys");
        KeyPair first = LocalKeys.loadOrCreate(keys);

        String privatePem = Files.readString(keys.resolve("private-key.pem"));
        String publicPem = Files.readString(keys.resolve("public-key.pem"));
        assertTrue(privatePem.startsWith("-----BEGIN PRIVATE KEY-----\n"), "PKCS#8 PEM");
        assertTrue(publicPem.startsWith("-----BEGIN PUBLIC KEY-----\n"), "X.509 PEM");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve("private-key.pem"))));

        KeyPair second = LocalKeys.loadOrCreate(keys);
        assertArrayEquals(first.getPrivate().getEncoded(), second.getPrivate().getEncoded());
        assertArrayEquals(first.getPublic().getEncoded(), second.getPublic().getEncoded());
        assertEquals(privatePem, Files.readString(keys.resolve("private-key.pem")), "not rewritten");
    }

    @Test
    void publicKeyBase64IsTheX509Encoding() throws Exception {
        KeyPair keys = LocalKeys.loadOrCreate(dir);
        byte[] der = Base64.getDecoder().decode(LocalKeys.publicKeyBase64(keys.getPublic()));
        assertEquals(keys.getPublic(), KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der)));
    }

    @Test
    void halfAPairIsAnError() throws Exception {
        LocalKeys.loadOrCreate(dir);
        Files.delete(dir.resolve("public-key.pem"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> LocalKeys.loadOrCreate(dir));
        assertTrue(e.getMessage().contains("delete"), e.getMessage());
    }

    @Test
    void mismatchedFilesAreAnError() throws Exception {
        LocalKeys.loadOrCreate(dir);
        KeyPair other = LocalKeys.generate();
        Files.writeString(dir.resolve("public-key.pem"), LocalKeys.pem("PUBLIC KEY", other.getPublic().getEncoded()));
        assertThrows(IllegalStateException.class, () -> LocalKeys.loadOrCreate(dir));
    }
}
