package org.openkpi.revenue.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.openkpi.revenue.repository.PlannerStatistics;
import org.openkpi.revenue.tenant.TenantId;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps PostgreSQL's statistics abreast of a tenant whose ingestion grows it faster than autovacuum re-analyzes.
 * <p>
 * An event batch reads its customers' rows by joining their ids to the tables of {@link PlannerStatistics#TABLES}. The
 * planner sizes that join by its estimate of the tenant's rows. When the estimate is far below the truth, reading the
 * whole tenant looks cheap and is chosen over one index probe per customer, and every batch then costs a read of all
 * the tenant's rows. That happens to a new tenant in a database analyzed before it came (its estimate is 1 row, until
 * autovacuum analyzes again after a tenth of the table has changed, which for a large database is a large backfill),
 * and to a freshly created database that autovacuum first reaches after it holds many rows.
 * <p>
 * So the customers and the events a tenant's ingestion writes ({@link #written}) are counted, and when one count
 * reaches {@code kpi.statistics.check-after-rows}, a background check compares the planner's estimate for the tenant in
 * each table that grows with it with its rows (counted up to {@value #FACTOR} times the estimate, so bounded), and runs
 * {@code ANALYZE} of a table where the tenant has more than that. An estimate of {@value #SAFE_ESTIMATE} rows or more is
 * left alone: a batch holds at most a few thousand customers, so the probes are cheaper than reading that many rows,
 * whatever the truth. The next check comes when the count has doubled, or, while an estimate is below that size, after
 * another {@code check-after-rows}: statistics that hold the tenant at a fraction of a table it keeps growing in put its
 * estimate further behind with every batch.
 */
@ApplicationScoped
public class PlannerStatisticsKeeper {

    /** How far below the tenant's rows the estimate may fall before the table is analyzed. */
    static final int FACTOR = 2;

    /** An estimate from which on the planner probes per customer whatever the tenant's true size. */
    static final long SAFE_ESTIMATE = 100_000;

    /** ANALYZEs this service ran, tagged with the table and the outcome. */
    static final String ANALYZES = "kpi.statistics.analyze";

    private static final Logger LOG = Logger.getLogger(PlannerStatisticsKeeper.class);

    private final long checkAfterRows;
    private final PlannerStatistics statistics;
    private final MeterRegistry registry;
    private final Map<Key, Progress> progress = new ConcurrentHashMap<>();
    private final Set<String> warnedNotPermitted = ConcurrentHashMap.newKeySet();

    /** What a tenant's ingestion writes, and the tables that then grow with it. */
    public enum Written {
        CUSTOMERS(PlannerStatistics.CUSTOMER_TABLES),
        /** Subscription events: their table, and the customer and component movements they make. */
        EVENTS(PlannerStatistics.EVENT_TABLES);

        final List<String> tables;

        Written(List<String> tables) {
            this.tables = tables;
        }
    }

    private record Key(String tenant, Written kind) {
    }

    /** The rows of a kind a tenant's ingestion wrote through this instance, and the count at which it is checked next. */
    private static final class Progress {
        final AtomicLong written = new AtomicLong();
        volatile long nextCheck;

        Progress(long firstCheck) {
            this.nextCheck = firstCheck;
        }
    }

    public PlannerStatisticsKeeper(@ConfigProperty(name = "kpi.statistics.check-after-rows") long checkAfterRows,
            PlannerStatistics statistics, MeterRegistry registry) {
        if (checkAfterRows < 0) {
            throw new IllegalArgumentException("kpi.statistics.check-after-rows must not be negative, got " + checkAfterRows);
        }
        this.checkAfterRows = checkAfterRows;
        this.statistics = statistics;
        this.registry = registry;
    }

    /**
     * Counts the rows (customers or subscription events) a write of the tenant stored. Called at the end of the write:
     * one that then fails to commit only brings the next check forward.
     */
    public void written(TenantId tenant, Written kind, long rows) {
        if (checkAfterRows == 0 || rows <= 0) {
            return;
        }
        progress.computeIfAbsent(new Key(tenant.value(), kind), k -> new Progress(checkAfterRows)).written.addAndGet(rows);
    }

    @Scheduled(every = "${kpi.statistics.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void checkDue() {
        progress.forEach((key, p) -> {
            long written = p.written.get();
            if (written < p.nextCheck) {
                return;
            }
            try {
                Check check = check(TenantId.ofStored(key.tenant()), key.kind().tables);
                if (check.complete()) {
                    // an estimate below the safe size lags the tenant when the statistics hold it at a fraction of the
                    // table that it outgrows: checked again after as many rows as the first time, not twice as many
                    p.nextCheck = check.belowSafe() ? written + checkAfterRows : 2 * written;
                } // else a table was busy: checked again on the next run
            } catch (RuntimeException e) {
                LOG.warnf(e, "checking the planner's statistics for tenant %s failed", key.tenant());
                p.nextCheck = 2 * written;
            }
        });
    }

    /**
     * What one check did: the tables analyzed, whether a table that needed it could not be (busy), and whether an
     * estimate was below {@link #SAFE_ESTIMATE}.
     */
    record Check(List<String> analyzed, boolean complete, boolean belowSafe) {
    }

    /**
     * Compares the planner's estimates for the tenant with its rows in the tables and analyzes those where they fall
     * short.
     */
    Check check(TenantId tenant, List<String> tables) {
        List<String> analyzed = new ArrayList<>();
        boolean complete = true;
        boolean belowSafe = false;
        for (String table : tables) {
            long estimate = statistics.estimatedRows(table, tenant);
            if (estimate >= SAFE_ESTIMATE) {
                continue;
            }
            belowSafe = true;
            long limit = FACTOR * estimate + 1;
            if (statistics.rowsUpTo(table, tenant, limit) < limit) {
                continue;
            }
            long t0 = System.nanoTime();
            PlannerStatistics.Analyze outcome = statistics.analyze(table);
            registry.counter(ANALYZES, "table", table, "outcome", outcome.name().toLowerCase(Locale.ROOT)).increment();
            switch (outcome) {
                case DONE -> {
                    analyzed.add(table);
                    LOG.infof("ANALYZE %s (%.1f s): tenant %s has more than %d rows there, the planner estimated %d",
                            table, (System.nanoTime() - t0) / 1e9, tenant, FACTOR * estimate, estimate);
                }
                case BUSY -> complete = false;
                case NOT_PERMITTED -> {
                    if (warnedNotPermitted.add(table)) {
                        LOG.warnf("cannot ANALYZE %s: the service's database role neither owns it nor has the MAINTAIN"
                                + " privilege on it; its event batches may read whole tenants until autovacuum analyzes it"
                                + " (grant MAINTAIN on the table, or run ANALYZE after bulk loads)", table);
                    }
                }
            }
        }
        return new Check(analyzed, complete, belowSafe);
    }
}
