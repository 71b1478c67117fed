package org.openkpi.revenue.service;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.RequestScoped;

import org.openkpi.revenue.api.model.CustomerMrrHistory;
import org.openkpi.revenue.repository.SettingsRepository;
import org.openkpi.revenue.repository.SettingsRow;
import org.openkpi.revenue.service.MrrQueryService.CustomerLedger;
import org.openkpi.revenue.tenant.TenantId;

/**
 * The Customer entities of one request. Resolving entities only registers their ids (no query); the first
 * {@code revenue} field asked for loads the ledgers of every registered customer at once, so an
 * {@code _entities} call with N representations costs the same few queries as one with a single representation.
 * The ledgers do not depend on the field's {@code asOf}: each field computes its own day from them, so aliases
 * asking different days of the same customer stay correct.
 */
@RequestScoped
public class CustomerEntities {

    private final MrrQueryService mrr;
    private final SettingsRepository settings;

    private TenantId tenant;
    private SettingsRow tenantSettings;
    private final Set<String> registered = new LinkedHashSet<>();
    private final Set<String> loaded = new LinkedHashSet<>();
    private final Map<String, CustomerLedger> ledgers = new HashMap<>();

    public CustomerEntities(MrrQueryService mrr, SettingsRepository settings) {
        this.mrr = mrr;
        this.settings = settings;
    }

    /** Notes customers whose fields may be asked for later in this request. */
    public synchronized void register(TenantId tenant, Collection<String> customerIds) {
        useTenant(tenant);
        registered.addAll(customerIds);
    }

    /** The customer's MRR history at the end of {@code asOf}, or null when the tenant has no such customer. */
    public synchronized CustomerMrrHistory revenue(TenantId tenant, String customerId, LocalDate asOf) {
        useTenant(tenant);
        if (!loaded.contains(customerId)) {
            registered.add(customerId);
            Set<String> pending = new LinkedHashSet<>(registered);
            pending.removeAll(loaded);
            ledgers.putAll(mrr.customerLedgers(tenant, pending));
            loaded.addAll(pending);
        }
        CustomerLedger ledger = ledgers.get(customerId);
        if (ledger == null) {
            return null;
        }
        if (tenantSettings == null) {
            tenantSettings = settings.find(tenant);
        }
        return mrr.customerHistory(tenantSettings, ledger, asOf);
    }

    /** Everything held here belongs to one tenant; a request never changes tenant, but never mix them if it did. */
    private void useTenant(TenantId t) {
        if (!t.equals(tenant)) {
            tenant = t;
            tenantSettings = null;
            registered.clear();
            loaded.clear();
            ledgers.clear();
        }
    }
}
