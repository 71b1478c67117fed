package org.openkpi.revenue.service;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.openkpi.revenue.api.error.ApiException;
import org.openkpi.revenue.api.error.ErrorCode;
import org.openkpi.revenue.repository.LedgerRepository;
import org.openkpi.revenue.repository.TenantLock;
import org.openkpi.revenue.tenant.TenantId;

import io.quarkus.scheduler.Scheduled;

/**
 * Re-evaluates customers whose dunning window has run out since they were last evaluated: no new fact
 * arrives when a past-due invoice simply stays unpaid, yet the subscription churns.
 */
@ApplicationScoped
public class RecheckService {

    private static final Logger LOG = Logger.getLogger(RecheckService.class);

    private final LedgerRepository ledgerRows;
    private final LedgerService ledger;
    private final TenantLock lock;
    private final Clock clock;

    public RecheckService(LedgerRepository ledgerRows, LedgerService ledger, TenantLock lock, Clock clock) {
        this.ledgerRows = ledgerRows;
        this.ledger = ledger;
        this.lock = lock;
        this.clock = clock;
    }

    @Scheduled(every = "${kpi.dunning.check-every}", delayed = "30s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void recheckDue() {
        for (String tenant : ledgerRows.tenantsWithDueRechecks(clock.instant())) {
            try {
                recheck(TenantId.ofStored(tenant));
            } catch (RuntimeException e) {
                LOG.errorf(e, "re-evaluating due customers of tenant %s failed", tenant);
            }
        }
    }

    @Transactional
    public int recheck(TenantId tenant) {
        lock.lock(tenant);
        List<String> due = ledgerRows.dueRechecks(tenant, clock.instant());
        ledger.recompute(tenant, due, e -> new ApiException(ErrorCode.INTERNAL,
                "stored history of customer " + e.customerId() + " cannot be evaluated: " + e.getMessage()));
        return due.size();
    }
}
