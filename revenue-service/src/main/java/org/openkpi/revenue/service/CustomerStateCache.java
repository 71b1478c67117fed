package org.openkpi.revenue.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openkpi.revenue.repository.CustomerRepository;
import org.openkpi.revenue.repository.CustomerRow;
import org.openkpi.revenue.repository.TenantLock;
import org.openkpi.revenue.tenant.TenantId;
import org.openkpi.revenue.util.Maps;

/**
 * The customers' rows and replay states as this instance's committed event writes left or reached them (the database
 * stores a state only every few events, {@link KnownState}), so that a batch of events need not read them back before
 * the tenant lock (a look-up and a row per customer, and the events after a stored state). Bounded by
 * {@code kpi.ingest.customer-cache-size} entries over all tenants (0 turns it off).
 * <p>
 * Entries are kept as of a version of the tenant's write log ({@link TenantLock}): an entry is the customer's stored
 * row and state at that version. Only an event write of this instance puts entries, with the values it wrote, once it
 * has committed, and in version order. Writes the cache did not see (another instance's, or writes of plans, customers,
 * settings, rates and re-checks, which are logged as "anything may have changed") are learned from the write log when
 * a batch reads at a later version: the customers they touched are dropped, or all of the tenant's. So a batch that
 * read the tenant's version {@code seen} gets entries as of {@code seen} or later; what changed after {@code seen} is
 * what {@link TenantLock#changedSince} reports under the lock, where those customers are read again, exactly as for rows
 * read from the database after {@code seen}.
 * <p>
 * A database restored while the service runs makes the entries wrong: restart the service after restoring its database.
 */
@ApplicationScoped
@Startup // its counters are at /q/metrics from the start, not from the first event batch on
public class CustomerStateCache {

    /** Customers looked up, tagged {@code result} hit (from the cache) or miss (read from the database). */
    static final String LOOKUPS = "kpi.customer.cache.lookups";

    /** Committed writes of a tenant held back while an earlier one has not arrived; beyond, the oldest are dropped. */
    static final int MAX_PENDING = 16;

    private final CustomerRepository customers;
    private final TenantLock lock;
    private final TransactionSynchronizationRegistry transactions;
    private final Cache<Key, Entry> entries;
    private final Map<String, TenantState> tenants = new ConcurrentHashMap<>();
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public CustomerStateCache(@ConfigProperty(name = "kpi.ingest.customer-cache-size") long size, CustomerRepository customers,
            TenantLock lock, TransactionSynchronizationRegistry transactions, MeterRegistry registry) {
        if (size < 0) {
            throw new IllegalArgumentException("kpi.ingest.customer-cache-size must not be negative, got " + size);
        }
        this.customers = customers;
        this.lock = lock;
        this.transactions = transactions;
        this.entries = size == 0 ? null : Caffeine.newBuilder().maximumSize(size).build();
        String description = "customers of event batches found in this instance's cache (hit) or read from the database (miss)";
        FunctionCounter.builder(LOOKUPS, hits, AtomicLong::get).tag("result", "hit").description(description).register(registry);
        FunctionCounter.builder(LOOKUPS, misses, AtomicLong::get).tag("result", "miss").description(description).register(registry);
    }

    private record Key(String tenant, String customerId) {
    }

    /**
     * A customer's row and replay state (null: none), valid while its tenant's epoch is {@code epoch}. The state is the
     * one the write reached, which the database's stored state may be behind ({@link KnownState}).
     */
    private record Entry(long epoch, CustomerRow row, KnownState state) {
    }

    /** What the cache knows of a tenant: the version its entries are at, and writes waiting for an earlier one. */
    private static final class TenantState {
        long version = -1; // nothing known yet
        long epoch;        // entries of an earlier epoch are void (the tenant's entries dropped at once)
        final TreeMap<Long, Update> pending = new TreeMap<>();
    }

    /** A committed write of this instance: what it leaves per customer, and the customers it touched without an entry. */
    private record Update(Map<String, Written> written, List<String> dropped) {
    }

    /** A customer's row and replay state as a write left them; an {@link Entry} once applied at the tenant's epoch. */
    private record Written(CustomerRow row, KnownState state) {
    }

    /** Lookups answered from the cache and from the database, since the start (for tests and diagnostics). */
    public record Stats(long hits, long misses) {
    }

    public Stats stats() {
        return new Stats(hits.get(), misses.get());
    }

    /** Customers' rows and replay states (none for a customer without one), as {@link #read} finds them. */
    public record Customers(Map<String, CustomerRow> rows, Map<String, KnownState> states) {
    }

    /**
     * The customers' rows and replay states, as of the tenant's version {@code seen} or later (see the class comment):
     * from the cache where it has them, the rest read from the database (its stored states, which may be behind the
     * customers' histories). Customers that do not exist are missing from the result.
     */
    public Customers read(TenantId tenant, long seen, Collection<String> customerIds) {
        if (entries == null) {
            return fromDatabase(tenant, customerIds, Maps.hashMap(customerIds.size()), Maps.hashMap(customerIds.size()));
        }
        long epoch = catchUp(tenant, seen);
        List<String> missing = new ArrayList<>();
        Map<String, CustomerRow> rows = Maps.hashMap(customerIds.size());
        Map<String, KnownState> states = Maps.hashMap(customerIds.size());
        for (String id : customerIds) {
            Entry e = epoch < 0 ? null : entries.getIfPresent(new Key(tenant.value(), id));
            if (e == null || e.epoch() != epoch) {
                missing.add(id);
                continue;
            }
            rows.put(id, e.row());
            if (e.state() != null) {
                states.put(id, e.state());
            }
        }
        hits.addAndGet(customerIds.size() - missing.size());
        misses.addAndGet(missing.size());
        return fromDatabase(tenant, missing, rows, states);
    }

    /** Adds these customers' rows and stored states, read from the database. */
    private Customers fromDatabase(TenantId tenant, Collection<String> customerIds, Map<String, CustomerRow> rows,
            Map<String, KnownState> states) {
        if (!customerIds.isEmpty()) {
            CustomerRepository.WithReplayStates read = customers.findWithReplayStates(tenant, customerIds);
            rows.putAll(read.rows());
            read.replayStates().forEach((id, state) -> states.put(id, KnownState.stored(state)));
        }
        return new Customers(rows, states);
    }

    /**
     * Brings the tenant's entries to version {@code seen} at least: applies this instance's writes that wait, then drops
     * what the write log says other writes touched.
     *
     * @return the epoch of the usable entries, or -1 when none can be used
     */
    private long catchUp(TenantId tenant, long seen) {
        TenantState t = tenants.computeIfAbsent(tenant.value(), k -> new TenantState());
        long from;
        synchronized (t) {
            if (t.version >= seen) {
                return t.epoch;
            }
            from = t.version;
        }
        // versions up to seen are committed, so the log holds their entries (or says that too many went by)
        Optional<Set<String>> changed = from < 0 ? Optional.empty() : lock.changesBetween(tenant, from, seen);
        synchronized (t) {
            if (t.version != from) {
                // another batch moved it meanwhile: use it only if it got far enough
                return t.version >= seen ? t.epoch : -1;
            }
            if (changed.isEmpty()) {
                t.epoch++;
            } else {
                for (String id : changed.get()) {
                    entries.invalidate(new Key(tenant.value(), id));
                }
            }
            t.version = seen;
            drain(tenant, t);
            return t.epoch;
        }
    }

    /**
     * Registers, in the current transaction (which has logged its write as {@code version} under the tenant lock), the
     * customers' rows and the replay states its evaluation reached; they enter the cache if the transaction commits.
     *
     * @param rows the customers' rows, current under the lock (customers without one here are dropped from the cache)
     * @param states the replay states reached, stored or not (null for a customer left without one), per customer
     * @param logged every customer the write is logged with
     */
    public void written(TenantId tenant, long version, Map<String, CustomerRow> rows, Map<String, KnownState> states,
            Collection<String> logged) {
        if (entries == null) {
            return;
        }
        Map<String, Written> written = Maps.hashMap(states.size());
        List<String> dropped = new ArrayList<>();
        states.forEach((id, state) -> {
            CustomerRow row = rows.get(id);
            if (row == null) {
                dropped.add(id);
            } else {
                written.put(id, new Written(row, state));
            }
        });
        for (String id : logged) {
            if (!written.containsKey(id)) {
                dropped.add(id);
            }
        }
        Update update = new Update(written, dropped);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    committed(tenant, version, update);
                }
            }
        });
    }

    private void committed(TenantId tenant, long version, Update update) {
        TenantState t = tenants.computeIfAbsent(tenant.value(), k -> new TenantState());
        synchronized (t) {
            if (version <= t.version) {
                return; // the write log's entry for it has been read instead
            }
            t.pending.put(version, update);
            while (t.pending.size() > MAX_PENDING) {
                t.pending.pollFirstEntry(); // the version can then only move on by the write log
            }
            drain(tenant, t);
        }
    }

    /** Applies the waiting writes that follow the tenant's version, in order (holding the tenant's monitor). */
    private void drain(TenantId tenant, TenantState t) {
        t.pending.headMap(t.version, true).clear();
        while (!t.pending.isEmpty() && t.pending.firstKey() == t.version + 1) {
            Update u = t.pending.pollFirstEntry().getValue();
            for (String id : u.dropped()) {
                entries.invalidate(new Key(tenant.value(), id));
            }
            Map<Key, Entry> put = Maps.hashMap(u.written().size());
            long epoch = t.epoch;
            u.written().forEach((id, w) -> put.put(new Key(tenant.value(), id), new Entry(epoch, w.row(), w.state())));
            entries.putAll(put);
            t.version++;
        }
    }
}
