package org.openkpi.revenue.service;

import java.sql.SQLException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs a write transaction again when PostgreSQL aborted it to break a deadlock (SQLSTATE {@code 40P01}), and counts
 * those runs ({@code kpi_transaction_deadlock_retries_total} at /q/metrics).
 * <p>
 * A batch of new subscription events inserts its rows before it takes the tenant lock
 * ({@link IngestionService#recordSubscriptionEvents}), so that the insert overlaps another batch's write. A batch that
 * holds the lock and inserts an event id that such a batch has inserted but not committed waits for it, while that
 * batch waits for the lock: PostgreSQL detects the cycle (after {@code deadlock_timeout}, a second by default) and
 * aborts one of the two. Both are all-or-nothing and idempotent by external id, and the aborted one wrote nothing, so
 * run again it gives the result it would have had after the other, and the client sees no error. It takes two
 * concurrent batches carrying the same new event id, such as a batch re-sent while its first attempt still runs.
 * <p>
 * The work must be a transaction of its own (not joined to a caller's).
 */
@ApplicationScoped
public class DeadlockRetry {

    private static final Logger LOG = Logger.getLogger(DeadlockRetry.class);

    /** Runs of one transaction at most; a third deadlock in a row is reported (as an internal error). */
    static final int ATTEMPTS = 3;

    static final String DEADLOCK_DETECTED = "40P01";

    static final String RETRIES = "kpi.transaction.deadlock.retries";

    private final Counter retries;

    public DeadlockRetry(MeterRegistry registry) {
        this.retries = Counter.builder(RETRIES)
                .description("Write transactions run again after PostgreSQL aborted them to break a deadlock")
                .register(registry);
    }

    public <T> T run(String what, Supplier<T> transaction) {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                retries.increment();
                LOG.infof("%s: aborted by PostgreSQL to break a deadlock with a concurrent write of the tenant; running it"
                        + " again (attempt %d of %d)", what, attempt + 1, ATTEMPTS);
            }
        }
    }

    /** Whether PostgreSQL's deadlock detection is the cause, anywhere in the cause chain (and its chained SQL errors). */
    static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (DEADLOCK_DETECTED.equals(s.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
