package org.openkpi.deploy;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Lets the benchmark (another package) start and stop the local suite and mint tokens for any tenant. */
public final class BenchmarkAccess {

    private final LocalSuite suite;
    private final KeyPair keys;

    private BenchmarkAccess(LocalSuite suite, KeyPair keys) {
        this.suite = suite;
        this.keys = keys;
    }

    public static BenchmarkAccess start(Path root, Path dataDir, PrintStream out) throws Exception {
        LocalOptions options = new LocalOptions(root, dataDir, 25431, ServiceSpec.SUITE, false, false);
        LocalSuite suite = new LocalSuite(options, out);
        try {
            suite.start();
        } catch (Exception e) {
            suite.stop();
            throw e;
        }
        return new BenchmarkAccess(suite, LocalKeys.loadOrCreate(options.keysDir()));
    }

    public String token(String tenant) {
        return LocalTokens.forTenant(keys.getPrivate(), tenant, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    public void stop() {
        suite.stop();
    }
}
