package org.openkpi.acquisition.service;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.repository.CustomerRepository;
import org.openkpi.acquisition.repository.RollupRepository;
import org.openkpi.acquisition.tenant.TenantId;

/**
 * Keeps customers' first payment and first-touch attribution, and the rollups that depend on them (new paying
 * customers, trials converted within the window), exact after feed entries, trials or leads touched them.
 * Runs inside the caller's transaction, under the tenant lock.
 */
@ApplicationScoped
public class AttributionService {

    private final CustomerRepository customers;
    private final RollupRepository rollups;

    public AttributionService(CustomerRepository customers, RollupRepository rollups) {
        this.customers = customers;
        this.rollups = rollups;
    }

    /** Re-derives these customers and the new-customer and trial rollup days they count on, before and after. */
    public void refresh(TenantId tenant, Collection<String> customerIds, int windowDays) {
        if (customerIds.isEmpty()) {
            return;
        }
        Set<LocalDate> newCustomerDays = customers.firstPaidDays(tenant, customerIds);
        customers.rederive(tenant, customerIds);
        newCustomerDays.addAll(customers.firstPaidDays(tenant, customerIds));
        rollups.rebuildNewCustomers(tenant, newCustomerDays);
        rollups.rebuildTrials(tenant, customers.trialDays(tenant, customerIds), windowDays);
    }
}
