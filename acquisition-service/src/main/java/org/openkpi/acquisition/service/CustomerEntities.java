package org.openkpi.acquisition.service;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.openkpi.acquisition.api.model.CustomerAcquisition;
import org.openkpi.acquisition.tenant.TenantId;

/**
 * The Customer entities of one request. Resolving entities only registers their ids (no query); the first
 * {@code acquisition} field asked for loads the facts of every registered customer at once, so an {@code _entities}
 * call with N representations costs the same three queries as one with a single representation.
 */
@RequestScoped
public class CustomerEntities {

    private final CustomerService customers;

    private TenantId tenant;
    private final Set<String> registered = new LinkedHashSet<>();
    private final Set<String> loaded = new LinkedHashSet<>();
    private final Map<String, CustomerAcquisition> facts = new HashMap<>();

    public CustomerEntities(CustomerService customers) {
        this.customers = customers;
    }

    /** Notes customers whose fields may be asked for later in this request. */
    public synchronized void register(TenantId tenant, Collection<String> customerIds) {
        useTenant(tenant);
        registered.addAll(customerIds);
    }

    /** How the customer was acquired, or null when the tenant's consumed feed has no such customer. */
    public synchronized CustomerAcquisition acquisition(TenantId tenant, String customerId) {
        useTenant(tenant);
        if (!loaded.contains(customerId)) {
            registered.add(customerId);
            Set<String> pending = new LinkedHashSet<>(registered);
            pending.removeAll(loaded);
            facts.putAll(customers.customers(tenant, pending));
            loaded.addAll(pending);
        }
        return facts.get(customerId);
    }

    /** Everything held here belongs to one tenant; a request never changes tenant, but never mix them if it did. */
    private void useTenant(TenantId t) {
        if (!t.equals(tenant)) {
            tenant = t;
            registered.clear();
            loaded.clear();
            facts.clear();
        }
    }
}
