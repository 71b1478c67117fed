package org.openkpi.revenue.service;

import java.sql.SQLException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Runs a write transaction again when PostgreSQL aborted it to break a deadlock (SQLSTATE 40P01), and counts those
 * runs ({@value #RETRIES}, {@code kpi_transaction_deadlock_retries_total} at /q/metrics).
 * <p>
 * An event batch whose ids all look new inserts its events before it takes the tenant lock
 * ({@link IngestionService#recordSubscriptionEvents}). Two batches that carry the same new external id at the same time
 * can then wait on each other: one holds the id's uncommitted row and waits for the lock, the other holds the lock and
 * inserts the id, so it waits for that row. PostgreSQL detects the cycle (after {@code deadlock_timeout}, one second by
 * default) and aborts one of the two transactions; run again, it finds the other's events committed and classifies
 * the id as unchanged or replaced, as if the batches had come one after the other. Nothing of the aborted attempt is
 * kept.
 */
@ApplicationScoped
public class TransactionRetry {

    /** Attempts in all; a third deadlock in a row is reported (as an internal error). */
    static final int ATTEMPTS = 3;

    static final String DEADLOCK_DETECTED = "40P01";

    static final String RETRIES = "kpi.transaction.deadlock.retries";

    private static final Logger LOG = Logger.getLogger(TransactionRetry.class);

    private final Counter retries;

    public TransactionRetry(MeterRegistry registry) {
        this.retries = Counter.builder(RETRIES)
                .description("Write transactions run again after PostgreSQL aborted them to break a deadlock")
                .register(registry);
    }

    /** Runs the transaction, again after a deadlock, at most {@value #ATTEMPTS} times in all. */
    public <T> T onDeadlock(Supplier<T> transaction) {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt == ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                retries.increment();
                LOG.infof("a write transaction was aborted to break a deadlock with a concurrent one; running it again"
                        + " (attempt %d of %d)", attempt + 1, ATTEMPTS);
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
