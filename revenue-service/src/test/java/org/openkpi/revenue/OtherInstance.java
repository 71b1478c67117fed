package org.openkpi.revenue;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;

import org.eclipse.microprofile.config.ConfigProvider;
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
import org.openkpi.revenue.service.PlannerStatisticsKeeper;
import org.openkpi.revenue.tenant.TenantId;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.arc.Arc;

/**
 * Event ingestion as another instance of the service runs it, over the same database: an {@link IngestionService} with a
 * cache of its own, which starts empty (as after a restart) and does not see this instance's writes.
 */
@ApplicationScoped
public class OtherInstance {

    /** A new instance's ingestion, with an empty cache of its own; everything else is this instance's beans. */
    public IngestionService start() {
        CustomerRepository customers = bean(CustomerRepository.class);
        TenantLock lock = bean(TenantLock.class);
        return new IngestionService(ConfigProvider.getConfig().getValue("kpi.ingest.max-batch-size", Integer.class), lock,
                bean(SettingsRepository.class), bean(PlanRepository.class), customers, bean(SubscriptionEventRepository.class),
                bean(FxRateRepository.class), bean(MoneyFactRepository.class), bean(LedgerService.class),
                bean(DeadlockRetry.class), new CustomerStateCache(1000, customers, lock,
                        bean(TransactionSynchronizationRegistry.class), new SimpleMeterRegistry()), bean(PlannerStatisticsKeeper.class));
    }

    private static <T> T bean(Class<T> type) {
        return Arc.container().instance(type).get();
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
