package org.openkpi.revenue.service;

import java.sql.SQLException;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Runs a write transaction again when PostgreSQL aborted it to break a deadlock (SQLSTATE {@code 40P01}).
 * <p>
 * A batch of new subscription events inserts its rows before it takes the tenant lock
 * ({@link IngestionService#recordSubscriptionEvents}), so that the insert overlaps another batch's write. A batch that
 * holds the lock and inserts an event id that such a batch has inserted but not committed waits for it, while that
 * batch waits for the lock: PostgreSQL detects the cycle (after {@code deadlock_timeout}, a second by default) and
 * aborts one of the two. Both are all-or-nothing and idempotent by external id, and the aborted one wrote nothing, so
 * running it again gives the result it would have had after the other; the client sees no error. It takes two
 * concurrent batches carrying the same new event id, such as a re-sent batch while the first attempt still runs.
 * <p>
 * The work must open its own transaction (a {@code @Transactional} method called from outside one).
 */
@ApplicationScoped
public class DeadlockRetry {

    private static final Logger LOG = Logger.getLogger(DeadlockRetry.class);

    /** Runs of one transaction at most; a third deadlock in a row is reported. */
    static final int ATTEMPTS = 3;

    static final String DEADLOCK_DETECTED = "40P01";

    public <T> T run(String what, Supplier<T> transaction) {
        for (int attempt = 1;; attempt++) {
            try {
                return transaction.get();
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                LOG.infof("%s: aborted by PostgreSQL to break a deadlock with a concurrent write of the tenant; running it"
                        + " again (attempt %d of %d)", what, attempt + 1, ATTEMPTS);
            }
        }
    }

    static boolean isDeadlock(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && DEADLOCK_DETECTED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
