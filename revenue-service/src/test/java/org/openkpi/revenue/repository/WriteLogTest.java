package org.openkpi.revenue.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.openkpi.revenue.EmbeddedPostgresResource;
import org.openkpi.revenue.tenant.TenantId;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The tenant write log that tells an event batch which customers' state, read before the tenant lock, a committed
 * write changed meanwhile: named customers, "anything" entries, other tenants' writes, rolled-back writes, and a
 * reader that fell behind the entries kept.
 */
@QuarkusTest
@QuarkusTestResource(EmbeddedPostgresResource.class)
class WriteLogTest {

    @Inject
    TenantLock lock;

    @Test
    void changedSinceNamesTheCustomersOfWritesCommittedLater() {
        TenantId tenant = new TenantId("write-log");
        TenantId other = new TenantId("write-log-other");
        long start = inTx(() -> lock.version(tenant));
        logEvents(tenant, List.of("a", "b"));
        logEvents(tenant, List.of("c"));
        logEvents(other, List.of("z"));
        assertEquals(start + 2, inTx(() -> lock.version(tenant)));
        assertEquals(Optional.of(Set.of("a", "b", "c")), changedSince(tenant, start));
        assertEquals(Optional.of(Set.of("c")), changedSince(tenant, start + 1));
        assertEquals(Optional.of(Set.of()), changedSince(tenant, start + 2), "no write since");

        try {
            QuarkusTransaction.requiringNew().run(() -> {
                lock.lockForEvents(tenant);
                lock.logWrite(tenant, List.of("d"));
                throw new IllegalStateException("the batch fails");
            });
        } catch (IllegalStateException expected) {
            // rolled back: neither the version nor the entry stays
        }
        assertEquals(Optional.of(Set.of()), changedSince(tenant, start + 2), "a rolled-back write leaves nothing");

        QuarkusTransaction.requiringNew().run(() -> lock.lock(tenant)); // a write that may change anything
        assertEquals(Optional.empty(), changedSince(tenant, start + 2));
        assertEquals(Optional.empty(), changedSince(tenant, start));
        assertEquals(Optional.of(Set.of()), changedSince(tenant, start + 3));
    }

    @Test
    void aReaderFurtherBehindThanTheKeptEntriesSeesEverythingChanged() {
        TenantId tenant = new TenantId("write-log-long");
        long start = inTx(() -> lock.version(tenant));
        int writes = TenantLock.KEPT_ENTRIES + 100;
        QuarkusTransaction.requiringNew().run(() -> {
            lock.lockForEvents(tenant);
            for (int i = 0; i < writes; i++) {
                lock.logWrite(tenant, List.of("c" + i));
            }
        });
        assertEquals(Optional.empty(), changedSince(tenant, start), "the oldest entries are gone");
        Set<String> recent = new HashSet<>();
        for (int i = 200; i < writes; i++) {
            recent.add("c" + i);
        }
        assertEquals(Optional.of(recent), changedSince(tenant, start + 200), "the last " + (writes - 200) + " entries are kept");
    }

    private void logEvents(TenantId tenant, List<String> customers) {
        QuarkusTransaction.requiringNew().run(() -> {
            lock.lockForEvents(tenant);
            lock.logWrite(tenant, customers);
        });
    }

    private Optional<Set<String>> changedSince(TenantId tenant, long seen) {
        return inTx(() -> {
            lock.lockForEvents(tenant);
            return lock.changedSince(tenant, seen);
        });
    }

    private static <T> T inTx(Supplier<T> work) {
        return QuarkusTransaction.requiringNew().call(work::get);
    }
}
