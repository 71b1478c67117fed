package org.openkpi.revenue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.openkpi.revenue.api.model.IngestResult;
import org.openkpi.revenue.api.model.SubscriptionEventInput;
import org.openkpi.revenue.api.model.SubscriptionEventType;
import org.openkpi.revenue.repository.CustomerRepository;
import org.openkpi.revenue.repository.FxRateRepository;
import org.openkpi.revenue.repository.MoneyFactRepository;
import org.openkpi.revenue.repository.PlanRepository;
import org.openkpi.revenue.repository.SettingsRepository;
import org.openkpi.revenue.repository.SubscriptionEventRepository;
import org.openkpi.revenue.repository.TenantLock;
import org.openkpi.revenue.service.CustomerStateCache;
import org.openkpi.revenue.service.DeadlockRetry;
import org.openkpi.revenue.service.IngestionService;
import org.openkpi.revenue.service.LedgerService;
import org.openkpi.revenue.tenant.TenantId;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Event ingestion as another instance of the service runs it, over the same database: an {@link IngestionService} with a
 * cache of its own, which starts empty (as after a restart) and does not see this instance's writes.
 */
@ApplicationScoped
public class OtherInstance {

    private final TenantLock lock;
    private final SettingsRepository settings;
    private final PlanRepository plans;
    private final CustomerRepository customers;
    private final SubscriptionEventRepository events;
    private final FxRateRepository fxRates;
    private final MoneyFactRepository moneyFacts;
    private final LedgerService ledger;
    private final DeadlockRetry retry;
    private final TransactionSynchronizationRegistry transactions;

    public OtherInstance(TenantLock lock, SettingsRepository settings, PlanRepository plans, CustomerRepository customers,
            SubscriptionEventRepository events, FxRateRepository fxRates, MoneyFactRepository moneyFacts, LedgerService ledger,
            DeadlockRetry retry, TransactionSynchronizationRegistry transactions) {
        this.lock = lock;
        this.settings = settings;
        this.plans = plans;
        this.customers = customers;
        this.events = events;
        this.fxRates = fxRates;
        this.moneyFacts = moneyFacts;
        this.ledger = ledger;
        this.retry = retry;
        this.transactions = transactions;
    }

    /** A new instance's ingestion, with an empty cache of its own. */
    public IngestionService start() {
        return new IngestionService(5000, lock, settings, plans, customers, events, fxRates, moneyFacts, ledger, retry,
                new CustomerStateCache(1000, customers, lock, transactions, new SimpleMeterRegistry()));
    }

    /** Records events (as {@link Gql#event} builds them) through a new instance. */
    public IngestResult events(String tenant, List<Map<String, Object>> batch) {
        return start().recordSubscriptionEvents(new TenantId(tenant), batch.stream().map(OtherInstance::input).toList());
    }

    private static SubscriptionEventInput input(Map<String, Object> e) {
        return new SubscriptionEventInput((String) e.get("externalId"), (String) e.get("customerId"), (String) e.get("subscriptionId"),
                SubscriptionEventType.valueOf((String) e.get("type")), (String) e.get("effectiveAt"), (String) e.get("planCode"),
                (Integer) e.get("quantity"), (String) e.get("trialEndsAt"), decimal(e.get("discountPercent")),
                decimal(e.get("discountAmount")), (String) e.get("cancelAt"), (String) e.get("paidThrough"));
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }
}
