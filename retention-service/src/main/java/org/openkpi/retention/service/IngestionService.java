package org.openkpi.retention.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openkpi.retention.api.error.ApiException;
import org.openkpi.retention.api.error.ErrorCode;
import org.openkpi.retention.api.model.ActivityEventInput;
import org.openkpi.retention.api.model.IngestResult;
import org.openkpi.retention.api.model.NpsResponseInput;
import org.openkpi.retention.api.model.OnboardingMilestoneInput;
import org.openkpi.retention.api.model.PurchaseInput;
import org.openkpi.retention.repository.ActivityRepository;
import org.openkpi.retention.repository.ActivityRepository.DayUser;
import org.openkpi.retention.repository.FactRepository;
import org.openkpi.retention.repository.FactRepository.Milestone;
import org.openkpi.retention.repository.FactRepository.Nps;
import org.openkpi.retention.repository.FactRepository.Purchase;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.repository.TenantLock;
import org.openkpi.retention.tenant.TenantId;

/**
 * Batched, all-or-nothing ingestion: every element is validated first, then the batch is written in one transaction
 * under the tenant's lock. NPS responses, milestones and purchases are idempotent by external id and content hash;
 * activity events by (day, user).
 */
@ApplicationScoped
public class IngestionService {

    private final int maxBatchSize;
    private final TenantLock lock;
    private final SettingsRepository settings;
    private final ActivityRepository activity;
    private final FactRepository facts;

    public IngestionService(@ConfigProperty(name = "kpi.ingest.max-batch-size") int maxBatchSize, TenantLock lock,
            SettingsRepository settings, ActivityRepository activity, FactRepository facts) {
        this.maxBatchSize = maxBatchSize;
        this.lock = lock;
        this.settings = settings;
        this.activity = activity;
        this.facts = facts;
    }

    private void checkSize(List<?> batch) {
        if (batch == null) {
            throw ApiException.validation("batch", "is required");
        }
        if (batch.size() > maxBatchSize) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "a batch holds at most " + maxBatchSize + " elements, got "
                    + batch.size(), null, "batch");
        }
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i) == null) {
                throw ApiException.validation(i, "element", "is null");
            }
        }
    }

    @Transactional
    public IngestResult recordActivity(TenantId tenant, List<ActivityEventInput> inputs) {
        checkSize(inputs);
        ZoneId zone = ZoneId.of(settings.find(tenant).timeZone());
        List<DayUser> rows = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            ActivityEventInput e = inputs.get(i);
            String user = Fields.id(i, "userId", e.userId());
            String customer = Fields.id(i, "customerId", e.customerId());
            Instant at = Fields.instant(i, "occurredAt", e.occurredAt());
            rows.add(new DayUser(at.atZone(zone).toLocalDate(), user, customer));
        }
        lock.lock(tenant);
        int fresh = activity.record(tenant, rows);
        return new IngestResult(fresh, inputs.size() - fresh, 0);
    }

    @Transactional
    public IngestResult recordNps(TenantId tenant, List<NpsResponseInput> inputs) {
        checkSize(inputs);
        List<Batch.Item<Nps>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            NpsResponseInput r = inputs.get(i);
            String id = Fields.id(i, "externalId", r.externalId());
            String respondent = Fields.id(i, "respondent", r.respondent());
            String customer = Fields.optionalId(i, "customerId", r.customerId());
            if (r.score() == null || r.score() < 0 || r.score() > 10) {
                throw ApiException.validation(i, "score", "must be an integer from 0 to 10");
            }
            Instant at = Fields.instant(i, "respondedAt", r.respondedAt());
            String comment = Fields.freeText(i, "comment", r.comment());
            String hash = ContentHash.of(id, respondent, customer, r.score(), at, comment);
            items.add(new Batch.Item<>(i, id, hash, new Nps(id, respondent, customer, r.score(), at, comment, hash)));
        }
        lock.lock(tenant);
        Batch<Nps> batch = Batch.classify(items, ids -> facts.hashes(tenant, "nps_response", ids));
        facts.upsertNps(tenant, batch.changed().stream().map(Batch.Item::value).toList());
        return batch.result();
    }

    @Transactional
    public IngestResult recordMilestones(TenantId tenant, List<OnboardingMilestoneInput> inputs) {
        checkSize(inputs);
        List<Batch.Item<Milestone>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            OnboardingMilestoneInput m = inputs.get(i);
            String id = Fields.id(i, "externalId", m.externalId());
            String customer = Fields.id(i, "customerId", m.customerId());
            if (m.milestone() == null) {
                throw ApiException.validation(i, "milestone", "is required");
            }
            Instant at = Fields.instant(i, "occurredAt", m.occurredAt());
            String hash = ContentHash.of(id, customer, m.milestone(), at);
            items.add(new Batch.Item<>(i, id, hash, new Milestone(id, customer, m.milestone().name(), at, hash)));
        }
        lock.lock(tenant);
        Batch<Milestone> batch = Batch.classify(items, ids -> facts.hashes(tenant, "onboarding_milestone", ids));
        facts.upsertMilestones(tenant, batch.changed().stream().map(Batch.Item::value).toList());
        return batch.result();
    }

    @Transactional
    public IngestResult recordPurchases(TenantId tenant, List<PurchaseInput> inputs) {
        checkSize(inputs);
        List<Batch.Item<Purchase>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            PurchaseInput p = inputs.get(i);
            String id = Fields.id(i, "externalId", p.externalId());
            String customer = Fields.id(i, "customerId", p.customerId());
            Instant at = Fields.instant(i, "purchasedAt", p.purchasedAt());
            BigDecimal amount = Fields.positive(i, "amount", p.amount());
            String currency = Fields.currency(i, "currency", p.currency());
            String hash = ContentHash.of(id, customer, at, amount, currency);
            items.add(new Batch.Item<>(i, id, hash, new Purchase(id, customer, at, amount, currency, hash)));
        }
        lock.lock(tenant);
        Batch<Purchase> batch = Batch.classify(items, ids -> facts.hashes(tenant, "purchase", ids));
        facts.upsertPurchases(tenant, batch.changed().stream().map(Batch.Item::value).toList());
        return batch.result();
    }

    @Transactional
    public SettingsRepository.SettingsRow updateSettings(TenantId tenant, String timeZone) {
        if (timeZone != null) {
            try {
                ZoneId.of(timeZone);
            } catch (java.time.DateTimeException e) {
                throw ApiException.validation("timeZone", "unknown time zone '" + timeZone + "'");
            }
            lock.lock(tenant);
            settings.saveTimeZone(tenant, timeZone);
        }
        return settings.find(tenant);
    }
}
