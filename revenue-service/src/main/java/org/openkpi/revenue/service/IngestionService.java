package org.openkpi.revenue.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openkpi.revenue.api.error.ApiException;
import org.openkpi.revenue.api.error.ErrorCode;
import org.openkpi.revenue.api.model.ChargeInput;
import org.openkpi.revenue.api.model.CostInput;
import org.openkpi.revenue.api.model.CustomerInput;
import org.openkpi.revenue.api.model.FxRateInput;
import org.openkpi.revenue.api.model.IngestResult;
import org.openkpi.revenue.api.model.PlanInput;
import org.openkpi.revenue.api.model.SubscriptionEventInput;
import org.openkpi.revenue.engine.ChurnRecognition;
import org.openkpi.revenue.engine.EngineException;
import org.openkpi.revenue.engine.EventType;
import org.openkpi.revenue.engine.FxRates;
import org.openkpi.revenue.engine.SubscriptionEvent;
import org.openkpi.revenue.repository.CustomerRepository;
import org.openkpi.revenue.repository.CustomerRow;
import org.openkpi.revenue.repository.FxRateRepository;
import org.openkpi.revenue.repository.FxRateRepository.FxRateRow;
import org.openkpi.revenue.repository.Jdbc;
import org.openkpi.revenue.repository.MoneyFactRepository;
import org.openkpi.revenue.repository.MoneyFactRepository.ChargeRow;
import org.openkpi.revenue.repository.MoneyFactRepository.CostRow;
import org.openkpi.revenue.repository.PlanRepository;
import org.openkpi.revenue.repository.PlanRow;
import org.openkpi.revenue.repository.SettingsRepository;
import org.openkpi.revenue.repository.SettingsRow;
import org.openkpi.revenue.repository.StoredFact;
import org.openkpi.revenue.repository.SubscriptionEventRepository;
import org.openkpi.revenue.repository.TenantLock;
import org.openkpi.revenue.tenant.TenantId;
import org.openkpi.revenue.util.Maps;

/**
 * Batched, all-or-nothing, idempotent ingestion. Each call validates every element first, then writes
 * in one transaction under the tenant lock and re-evaluates the customers it touched, so every KPI
 * reflects the batch when the call returns; any error rolls the whole batch back.
 */
@ApplicationScoped
public class IngestionService {

    /** Seats of one subscription: keeps price x quantity within the stored precision. */
    static final int MAX_QUANTITY = 1_000_000;

    private final int maxBatchSize;
    private final TenantLock lock;
    private final SettingsRepository settings;
    private final PlanRepository plans;
    private final CustomerRepository customers;
    private final SubscriptionEventRepository events;
    private final FxRateRepository fxRates;
    private final MoneyFactRepository moneyFacts;
    private final LedgerService ledger;
    private final DeadlockRetry retry;
    private final CustomerStateCache customerStates;
    private final PlannerStatisticsKeeper statistics;

    public IngestionService(@ConfigProperty(name = "kpi.ingest.max-batch-size") int maxBatchSize, TenantLock lock,
            SettingsRepository settings, PlanRepository plans, CustomerRepository customers, SubscriptionEventRepository events,
            FxRateRepository fxRates, MoneyFactRepository moneyFacts, LedgerService ledger, DeadlockRetry retry,
            CustomerStateCache customerStates, PlannerStatisticsKeeper statistics) {
        this.maxBatchSize = maxBatchSize;
        this.lock = lock;
        this.settings = settings;
        this.plans = plans;
        this.customers = customers;
        this.events = events;
        this.fxRates = fxRates;
        this.moneyFacts = moneyFacts;
        this.ledger = ledger;
        this.retry = retry;
        this.customerStates = customerStates;
        this.statistics = statistics;
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
    public IngestResult recordPlans(TenantId tenant, List<PlanInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        List<Batch.Item<PlanRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            PlanInput p = inputs.get(i);
            String code = Fields.id(i, "code", p.code());
            String name = Fields.name(i, "name", p.name());
            BigDecimal price = Fields.nonNegative(i, "price", p.price());
            String currency = Fields.currency(i, "currency", p.currency());
            if (p.intervalMonths() == null || p.intervalMonths() < 1) {
                throw ApiException.validation(i, "intervalMonths", "must be at least 1");
            }
            String tier = Fields.optionalName(i, "tier", p.tier());
            String hash = ContentHash.of(code, name, price, currency, p.intervalMonths(), tier);
            items.add(new Batch.Item<>(i, code, hash, new PlanRow(code, name, price, currency, p.intervalMonths(), tier, hash)));
        }
        Map<String, PlanRow> stored = plans.findAll(tenant);
        Batch<PlanRow> batch = Batch.classify(items, "code", ids -> hashes(stored, PlanRow::contentHash));
        plans.upsert(tenant, batch.changed().stream().map(Batch.Item::value).toList());
        if (!batch.replaced().isEmpty()) {
            Set<String> affected = events.customersOnPlans(tenant, batch.replaced().stream().map(Batch.Item::id).toList());
            ledger.recompute(tenant, affected, e -> settingError(e, "plan " + e.eventExternalId()));
        }
        return batch.result();
    }

    @Transactional
    public IngestResult recordCustomers(TenantId tenant, List<CustomerInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        List<Batch.Item<CustomerRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            CustomerInput c = inputs.get(i);
            String id = Fields.id(i, "externalId", c.externalId());
            String name = Fields.optionalName(i, "name", c.name());
            String country = Fields.country(i, "country", c.country());
            String segment = Fields.optionalName(i, "segment", c.segment());
            String channel = Fields.optionalName(i, "channel", c.channel());
            String hash = ContentHash.of(id, name, country, segment, channel);
            items.add(new Batch.Item<>(i, id, hash, new CustomerRow(id, name, country, segment, channel, hash)));
        }
        Batch<CustomerRow> batch = Batch.classify(items, ids -> hashes(customers.find(tenant, ids), CustomerRow::contentHash));
        customers.upsert(tenant, batch.changed().stream().map(Batch.Item::value).toList());
        // new dimensions move the customer's movements between groups
        ledger.recompute(tenant, batch.replaced().stream().map(Batch.Item::id).toList(),
                e -> settingError(e, "customer " + e.customerId()));
        IngestResult result = batch.result();
        statistics.written(tenant, PlannerStatisticsKeeper.Written.CUSTOMERS, result.accepted());
        return result;
    }

    /**
     * Records subscription events, in a transaction of their own that runs again if PostgreSQL breaks a deadlock by
     * aborting it ({@link DeadlockRetry}).
     */
    public IngestResult recordSubscriptionEvents(TenantId tenant, List<SubscriptionEventInput> inputs) {
        checkSize(inputs);
        IngestResult result = retry.run("recordSubscriptionEvents",
                () -> QuarkusTransaction.requiringNew().call(() -> writeSubscriptionEvents(tenant, inputs)));
        statistics.written(tenant, PlannerStatisticsKeeper.Written.EVENTS, result.accepted());
        return result;
    }

    /**
     * Validation, the reads of the touched customers' stored state (their rows, events or replay states, and recent
     * ledger rows) and, for a batch whose ids all look new, its evaluation and the insert of its events run before the
     * tenant lock, so they overlap another batch's write of the tenant. Under the lock, that evaluation is written if
     * it still holds; otherwise the customers that writes committed since touched (per the tenant's write log) are
     * read again, and everything is when such a write may have changed anything (plans, customers, settings).
     * <p>
     * The events are the one thing written before the lock: their rows carry no feed sequence, and another batch can
     * only wait on them if it carries one of the same new external ids (PostgreSQL then detects a deadlock, see
     * {@link DeadlockRetry}). The ledger, the feed, the rollups and the replay states are written under the lock.
     */
    private IngestResult writeSubscriptionEvents(TenantId tenant, List<SubscriptionEventInput> inputs) {
        // validation depends only on which plans exist, and plans are never removed
        Map<String, PlanRow> knownPlans = plans.findAll(tenant);
        List<Batch.Item<SubscriptionEvent>> items = new ArrayList<>();
        Map<String, List<SubscriptionEvent>> eventsByCustomer = Maps.linkedHashMap(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            SubscriptionEvent e = toEvent(i, inputs.get(i), knownPlans);
            eventsByCustomer.computeIfAbsent(e.customerId(), k -> new ArrayList<>()).add(e);
            items.add(new Batch.Item<>(i, e.externalId(), hash(e), e));
        }
        Set<String> customerIds = eventsByCustomer.keySet();
        long seen = lock.version(tenant);
        CustomerStateCache.Customers read = customerStates.read(tenant, seen, customerIds);
        Map<String, CustomerRow> readBefore = read.rows();
        Map<String, Instant> earliestEvent = earliest(eventsByCustomer);
        // the rows read are of these customers, so as many rows as customers means all of them
        Map<String, CustomerSnapshot> snapshots = readBefore.size() == customerIds.size()
                ? ledger.snapshot(tenant, eventsByCustomer, earliestEvent, read.states())
                : Map.of(); // else the batch fails under the lock
        boolean likelyAllNew = noneStored(eventsByCustomer, snapshots);
        // a batch of new events is evaluated, and its rows rendered, before the lock too; under it, that result is
        // written if it still holds
        boolean prepare = likelyAllNew && distinctIds(items);
        Optional<LedgerService.PreparedChanges> prepared = prepare
                ? ledger.prepare(tenant, earliestEvent, readBefore, withEvents(snapshots, eventsByCustomer))
                : Optional.empty();
        Jdbc.CopyText renderedEvents = prepare ? SubscriptionEventRepository.render(tenant, withHashes(items)) : null;
        Jdbc.TextArray renderedCustomerIds = prepared.isPresent() ? Jdbc.TextArray.of(customerIds) : null;
        // so are its rows inserted, unless an id is stored already (a batch holding the lock may then wait for these
        // rows while this one waits for the lock: see DeadlockRetry)
        boolean insertedEarly = renderedEvents != null && events.insertIfAllNew(renderedEvents);
        lock.lockForEvents(tenant);
        Optional<Set<String>> changedSince = lock.changedSince(tenant, seen);
        Map<String, CustomerRow> batchCustomers = requireCustomers(tenant, untouched(readBefore, changedSince), customerIds, items,
                SubscriptionEvent::customerId);
        Map<String, StoredFact> stored = new HashMap<>();
        boolean[] insertedAll = {false};
        Batch<SubscriptionEvent> batch = Batch.classifyItems(items, "externalId", distinct -> {
            // appended history: insert outright (before the lock when the rows were rendered there; their ids are then
            // distinct, so they are distinct's), and look the ids up only if one turns out to be stored
            if (insertedEarly || likelyAllNew && renderedEvents == null
                    && events.insertIfAllNew(SubscriptionEventRepository.render(tenant, withHashes(distinct)))) {
                insertedAll[0] = true;
                return Map.of();
            }
            stored.putAll(events.findStored(tenant, distinct.stream().map(Batch.Item::id).toList()));
            return hashes(stored, StoredFact::contentHash);
        });
        if (batch.changed().isEmpty()) {
            return batch.result();
        }
        if (prepared.isPresent() && insertedAll[0] && changedSince.isPresent() && Collections.disjoint(changedSince.get(), customerIds)) {
            // every event new, and no write since the snapshots touched these customers or anything else they depend on
            Map<String, KnownState> states = ledger.write(tenant, prepared.get());
            customerStates.written(tenant, lock.logWrite(tenant, renderedCustomerIds), batchCustomers, states, customerIds);
            return batch.result();
        }
        // per customer, where its ledger can start to change: the earliest added event, or the whole
        // history when an event is replaced (its old version may have counted anywhere)
        Map<String, Instant> affected = new LinkedHashMap<>();
        Map<String, Integer> indexByEvent = new HashMap<>();
        Map<String, Integer> indexByCustomer = new HashMap<>();
        for (Batch.Item<SubscriptionEvent> item : batch.changed()) {
            SubscriptionEvent e = item.value();
            StoredFact before = stored.get(item.id());
            if (before == null) {
                affected.merge(e.customerId(), e.effectiveAt(), (a, b) -> a.isBefore(b) ? a : b);
            } else {
                affected.put(e.customerId(), LedgerService.WHOLE_HISTORY);
                affected.put(before.customerId(), LedgerService.WHOLE_HISTORY);
            }
            indexByEvent.put(item.id(), item.index());
            indexByCustomer.putIfAbsent(e.customerId(), item.index());
        }
        if (!insertedAll[0]) {
            events.insert(tenant, withHashes(batch.fresh()));
        }
        events.upsert(tenant, withHashes(batch.replaced()));
        // the snapshots of customers no write touched since: their stored events plus the batch's new ones
        Map<String, List<SubscriptionEvent>> fresh = new HashMap<>();
        batch.fresh().forEach(item -> fresh.computeIfAbsent(item.value().customerId(), k -> new ArrayList<>()).add(item.value()));
        Map<String, CustomerSnapshot> current = new HashMap<>();
        untouched(snapshots, changedSince).forEach((id, snapshot) -> current.put(id, snapshot.withEvents(fresh.getOrDefault(id,
                List.of()))));
        Map<String, KnownState> states = ledger.recompute(tenant, affected, batchCustomers, current, e -> {
            Integer index = indexByEvent.get(e.eventExternalId());
            String prefix = "";
            if (index == null) {
                index = indexByCustomer.get(e.customerId());
                prefix = "stored event " + e.eventExternalId() + ": ";
            }
            return new ApiException(ErrorCode.VALIDATION, "element " + index + ", " + e.field() + ": " + prefix + e.getMessage(),
                    index, e.field());
        });
        customerStates.written(tenant, lock.logWrite(tenant, affected.keySet()), batchCustomers, states, affected.keySet());
        return batch.result();
    }

    /** Whether no external id appears twice in the batch. */
    private static boolean distinctIds(List<Batch.Item<SubscriptionEvent>> items) {
        Set<String> ids = Maps.hashSet(items.size());
        for (Batch.Item<SubscriptionEvent> item : items) {
            if (!ids.add(item.id())) {
                return false;
            }
        }
        return true;
    }

    /** Per customer, the earliest effective instant among its events. */
    private static Map<String, Instant> earliest(Map<String, List<SubscriptionEvent>> eventsByCustomer) {
        Map<String, Instant> out = Maps.linkedHashMap(eventsByCustomer.size());
        eventsByCustomer.forEach((id, list) -> {
            Instant earliest = list.get(0).effectiveAt();
            for (SubscriptionEvent e : list) {
                if (e.effectiveAt().isBefore(earliest)) {
                    earliest = e.effectiveAt();
                }
            }
            out.put(id, earliest);
        });
        return out;
    }

    /** The snapshots with the customers' batch events added. */
    private static Map<String, CustomerSnapshot> withEvents(Map<String, CustomerSnapshot> snapshots,
            Map<String, List<SubscriptionEvent>> eventsByCustomer) {
        Map<String, CustomerSnapshot> out = Maps.hashMap(snapshots.size());
        snapshots.forEach((id, snapshot) -> out.put(id, snapshot.withEvents(eventsByCustomer.getOrDefault(id, List.of()))));
        return out;
    }

    private static List<Map.Entry<SubscriptionEvent, String>> withHashes(List<Batch.Item<SubscriptionEvent>> items) {
        return items.stream().map(item -> Map.entry(item.value(), item.hash())).toList();
    }

    /**
     * Whether, by what was read before the tenant lock, none of the batch's event ids is stored among its customers'
     * events (under the lock the insert itself decides, also for an id stored under another customer; this only keeps
     * a batch that re-sends or corrects events from attempting it in vain). Compares each customer's few events
     * directly rather than hashing every stored id. A customer resumed from a replay state has only the stored events
     * after the state in its snapshot: its batch events all fall after the state's last day, so a re-sent event can
     * only be among those, and a corrected one that moved later is found by the insert.
     */
    private static boolean noneStored(Map<String, List<SubscriptionEvent>> eventsByCustomer, Map<String, CustomerSnapshot> snapshots) {
        if (snapshots.isEmpty()) {
            return false;
        }
        for (Map.Entry<String, List<SubscriptionEvent>> entry : eventsByCustomer.entrySet()) {
            CustomerSnapshot snapshot = snapshots.get(entry.getKey());
            if (snapshot == null) {
                return false;
            }
            for (SubscriptionEvent stored : snapshot.events()) {
                for (SubscriptionEvent added : entry.getValue()) {
                    if (stored.externalId().equals(added.externalId())) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /**
     * What was read before the tenant lock and is still current under it: the customers no write committed since
     * touched (none when such a write may have changed anything, {@link TenantLock#changedSince}).
     */
    private static <V> Map<String, V> untouched(Map<String, V> readBefore, Optional<Set<String>> changedSince) {
        if (changedSince.isPresent() && changedSince.get().isEmpty()) {
            return readBefore; // no write committed since: all of it (callers only read the map)
        }
        Map<String, V> out = Maps.hashMap(readBefore.size());
        changedSince.ifPresent(changed -> readBefore.forEach((id, value) -> {
            if (!changed.contains(id)) {
                out.put(id, value);
            }
        }));
        return out;
    }

    /**
     * Every element's customer must be one of the tenant's; names the first element whose is not.
     *
     * @return the customers, as read under the tenant lock
     */
    private <T> Map<String, CustomerRow> requireCustomers(TenantId tenant, Set<String> customerIds, List<Batch.Item<T>> items,
            Function<T, String> customerOf) {
        return requireCustomers(tenant, Map.of(), customerIds, items, customerOf);
    }

    /** As above, with some customers' rows known to be current (they are not read again). */
    private <T> Map<String, CustomerRow> requireCustomers(TenantId tenant, Map<String, CustomerRow> known, Set<String> customerIds,
            List<Batch.Item<T>> items, Function<T, String> customerOf) {
        Map<String, CustomerRow> found = Maps.hashMap(customerIds.size());
        found.putAll(known);
        found.putAll(customers.find(tenant, customerIds.stream().filter(id -> !known.containsKey(id)).toList()));
        if (found.size() == customerIds.size()) {
            return found; // rows are found by these ids only, so every customer exists
        }
        Set<String> existing = found.keySet();
        for (Batch.Item<T> item : items) {
            String customerId = customerOf.apply(item.value());
            if (!existing.contains(customerId)) {
                throw ApiException.validation(item.index(), "customerId", "unknown customer " + customerId
                        + " (record it with recordCustomers first)");
            }
        }
        return found;
    }

    private static SubscriptionEvent toEvent(int i, SubscriptionEventInput in, Map<String, PlanRow> knownPlans) {
        String id = Fields.id(i, "externalId", in.externalId());
        String customerId = Fields.id(i, "customerId", in.customerId());
        String subscriptionId = Fields.id(i, "subscriptionId", in.subscriptionId());
        if (in.type() == null) {
            throw ApiException.validation(i, "type", "is required");
        }
        EventType type = EventType.valueOf(in.type().name());
        Instant at = Fields.instant(i, "effectiveAt", in.effectiveAt());
        String plan = Fields.optionalName(i, "planCode", in.planCode());
        if ((type == EventType.STARTED || type == EventType.PLAN_CHANGED) && plan == null) {
            throw ApiException.validation(i, "planCode", "is required for " + type);
        }
        if (plan != null && !knownPlans.containsKey(plan)) {
            throw ApiException.validation(i, "planCode", "unknown plan " + plan + " (record it with recordPlans first)");
        }
        if (type == EventType.QUANTITY_CHANGED && in.quantity() == null) {
            throw ApiException.validation(i, "quantity", "is required for " + type);
        }
        if (in.quantity() != null && (in.quantity() < 1 || in.quantity() > MAX_QUANTITY)) {
            throw ApiException.validation(i, "quantity", "must be between 1 and " + MAX_QUANTITY);
        }
        BigDecimal percent = in.discountPercent();
        BigDecimal amount = in.discountAmount();
        if (type == EventType.DISCOUNT_APPLIED && (percent == null) == (amount == null)) {
            throw ApiException.validation(i, "discountPercent", "give exactly one of discountPercent and discountAmount");
        }
        if (percent != null && (percent.signum() <= 0 || percent.compareTo(BigDecimal.valueOf(100)) > 0)) {
            throw ApiException.validation(i, "discountPercent", "must be greater than 0 and at most 100");
        }
        if (percent != null && percent.stripTrailingZeros().scale() > 4) {
            throw ApiException.validation(i, "discountPercent", "has more than 4 decimals");
        }
        if (amount != null) {
            Fields.nonNegative(i, "discountAmount", amount);
        }
        Instant trialEnd = Fields.optionalInstant(i, "trialEndsAt", in.trialEndsAt());
        if (trialEnd != null && trialEnd.isBefore(at)) {
            throw ApiException.validation(i, "trialEndsAt", "ends before effectiveAt");
        }
        Instant cancelAt = Fields.optionalInstant(i, "cancelAt", in.cancelAt());
        if (cancelAt != null && cancelAt.isBefore(at)) {
            throw ApiException.validation(i, "cancelAt", "is before effectiveAt");
        }
        Instant paidThrough = Fields.optionalInstant(i, "paidThrough", in.paidThrough());
        return new SubscriptionEvent(id, customerId, subscriptionId, type, at, plan,
                in.quantity() == null && type == EventType.STARTED ? Integer.valueOf(1) : in.quantity(), trialEnd,
                percent == null ? null : Ratios.plain(percent), amount == null ? null : Ratios.plain(amount), cancelAt, paidThrough);
    }

    private static String hash(SubscriptionEvent e) {
        return ContentHash.of(e.customerId(), e.subscriptionId(), e.type(), e.effectiveAt(), e.planCode(), e.quantity(),
                e.trialEndsAt(), e.discountPercent(), e.discountAmount(), e.cancelAt(), e.paidThrough());
    }

    @Transactional
    public IngestResult recordCharges(TenantId tenant, List<ChargeInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        SettingsRow s = settings.find(tenant);
        FxRates fx = fxRates.load(tenant, s.reportingCurrency());
        int scale = new MoneyFormat(s.reportingCurrency()).scale();
        List<Batch.Item<ChargeRow>> items = new ArrayList<>();
        Set<String> customerIds = new LinkedHashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            ChargeInput c = inputs.get(i);
            String id = Fields.id(i, "externalId", c.externalId());
            String customerId = Fields.id(i, "customerId", c.customerId());
            if (c.kind() == null) {
                throw ApiException.validation(i, "kind", "is required");
            }
            Instant at = Fields.instant(i, "occurredAt", c.occurredAt());
            BigDecimal amount = Ratios.plain(Fields.positive(i, "amount", c.amount()));
            String currency = Fields.currency(i, "currency", c.currency());
            LocalDate day = LocalDate.ofInstant(at, s.zone());
            BigDecimal converted = convert(fx, i, "amount", amount, currency, day, scale);
            String description = Fields.optionalText(i, "description", c.description());
            String hash = ContentHash.of(customerId, c.kind(), at, amount, currency, description);
            customerIds.add(customerId);
            items.add(new Batch.Item<>(i, id, hash,
                    new ChargeRow(id, customerId, c.kind().name(), at, day, amount, currency, converted, description, hash)));
        }
        requireCustomers(tenant, customerIds, items, ChargeRow::customerId);
        Batch<ChargeRow> batch = Batch.classify(items, ids -> moneyFacts.chargeHashes(tenant, ids));
        moneyFacts.upsertCharges(tenant, batch.changed().stream().map(Batch.Item::value).toList());
        return batch.result();
    }

    @Transactional
    public IngestResult recordCosts(TenantId tenant, List<CostInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        SettingsRow s = settings.find(tenant);
        FxRates fx = fxRates.load(tenant, s.reportingCurrency());
        int scale = new MoneyFormat(s.reportingCurrency()).scale();
        List<Batch.Item<CostRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            CostInput c = inputs.get(i);
            String id = Fields.id(i, "externalId", c.externalId());
            if (c.kind() == null) {
                throw ApiException.validation(i, "kind", "is required");
            }
            String category = Fields.name(i, "category", c.category());
            LocalDate day = Fields.date(i, "date", c.date());
            BigDecimal amount = Ratios.plain(Fields.nonNegative(i, "amount", c.amount()));
            String currency = Fields.currency(i, "currency", c.currency());
            BigDecimal converted = convert(fx, i, "amount", amount, currency, day, scale);
            String hash = ContentHash.of(c.kind(), category, day, amount, currency);
            items.add(new Batch.Item<>(i, id, hash, new CostRow(id, c.kind().name(), category, day, amount, currency, converted, hash)));
        }
        Batch<CostRow> batch = Batch.classify(items, ids -> moneyFacts.costHashes(tenant, ids));
        moneyFacts.upsertCosts(tenant, batch.changed().stream().map(Batch.Item::value).toList());
        return batch.result();
    }

    private static BigDecimal convert(FxRates fx, int index, String field, BigDecimal amount, String currency, LocalDate day,
            int scale) {
        BigDecimal rate = fx.rate(currency, day);
        if (rate == null) {
            throw ApiException.validation(index, "currency", "no FX rate for " + currency + " on or before " + day
                    + " (reporting currency " + fx.reportingCurrency() + "); record it with recordFxRates");
        }
        BigDecimal converted = amount.multiply(rate).setScale(scale, RoundingMode.HALF_UP);
        if (converted.abs().compareTo(Fields.MAX_AMOUNT) >= 0) {
            throw ApiException.validation(index, field, "converted to " + fx.reportingCurrency() + " it is not less than "
                    + Fields.MAX_AMOUNT.toPlainString() + " in magnitude");
        }
        return converted;
    }

    @Transactional
    public IngestResult recordFxRates(TenantId tenant, List<FxRateInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        SettingsRow s = settings.find(tenant);
        List<Batch.Item<FxRateRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            FxRateInput r = inputs.get(i);
            String currency = Fields.currency(i, "currency", r.currency());
            if (currency.equals(s.reportingCurrency())) {
                throw ApiException.validation(i, "currency", currency + " is the reporting currency (its rate is 1)");
            }
            LocalDate date = Fields.date(i, "date", r.date());
            BigDecimal rate = Ratios.plain(Fields.rate(i, "rate", r.rate()));
            items.add(new Batch.Item<>(i, currency + ":" + date, ContentHash.of(rate), new FxRateRow(currency, date, rate)));
        }
        Map<String, BigDecimal> stored = fxRates.findAll(tenant);
        Batch<FxRateRow> batch = Batch.classify(items, "date", ids -> {
            Map<String, String> out = new HashMap<>();
            stored.forEach((k, v) -> out.put(k, ContentHash.of(Ratios.plain(v))));
            return out;
        });
        if (batch.changed().isEmpty()) {
            return batch.result();
        }
        fxRates.upsert(tenant, batch.changed().stream().map(Batch.Item::value).toList());
        Set<String> currencies = new LinkedHashSet<>();
        batch.changed().forEach(item -> currencies.add(item.value().currency()));
        List<String> plansInCurrencies = plans.findAll(tenant).values().stream()
                .filter(p -> currencies.contains(p.currency())).map(PlanRow::code).toList();
        if (!plansInCurrencies.isEmpty()) {
            ledger.recompute(tenant, events.customersOnPlans(tenant, plansInCurrencies),
                    e -> settingError(e, "customer " + e.customerId()));
        }
        reconvertMoneyFacts(tenant, s, "rates");
        return batch.result();
    }

    /** Applies a settings change (null fields keep their value) under the tenant lock. */
    @Transactional
    public SettingsRow updateSettings(TenantId tenant, String currency, String zone, ChurnRecognition recognition,
            Integer dunningDays) {
        lock.lock(tenant);
        SettingsRow current = settings.find(tenant);
        SettingsRow requested = merge(current, currency, zone, recognition, dunningDays);
        if (requested.equals(current)) {
            return current;
        }
        settings.save(tenant, requested);
        ledger.recompute(tenant, events.allCustomers(tenant), e -> settingError(e, "customer " + e.customerId()));
        if (!requested.timeZone().equals(current.timeZone())) {
            moneyFacts.redayCharges(tenant, requested.zone());
        }
        if (!requested.reportingCurrency().equals(current.reportingCurrency()) || !requested.timeZone().equals(current.timeZone())) {
            reconvertMoneyFacts(tenant, requested, "reportingCurrency");
        }
        return requested;
    }

    private void reconvertMoneyFacts(TenantId tenant, SettingsRow s, String field) {
        FxRates fx = fxRates.load(tenant, s.reportingCurrency());
        List<String> missing = moneyFacts.reconvert(tenant, fx, new MoneyFormat(s.reportingCurrency()).scale());
        if (!missing.isEmpty()) {
            throw ApiException.validation(field, "no FX rate for " + missing.get(0)
                    + (missing.size() > 1 ? " and " + (missing.size() - 1) + " more" : ""));
        }
    }

    /** An engine error caused by a change of settings, plans or rates rather than by the batch's events. */
    private static ApiException settingError(EngineException e, String what) {
        return new ApiException(ErrorCode.VALIDATION, what + ": " + e.getMessage() + " (stored event " + e.eventExternalId() + ")",
                null, e.field());
    }

    static <V> Map<String, String> hashes(Map<String, V> stored, Function<V, String> hash) {
        Map<String, String> out = new HashMap<>();
        stored.forEach((k, v) -> out.put(k, hash.apply(v)));
        return out;
    }

    /** Validates a settings change request against the current settings; omitted fields keep their value. */
    static SettingsRow merge(SettingsRow current, String currency, String zone, ChurnRecognition recognition,
            Integer dunningDays) {
        String c = currency == null ? current.reportingCurrency() : Fields.currency(0, "reportingCurrency", currency);
        String z = current.timeZone();
        if (zone != null) {
            try {
                z = ZoneId.of(zone).getId();
            } catch (RuntimeException ex) {
                throw ApiException.validation("timeZone", "unknown time zone '" + Fields.shown(zone) + "'");
            }
        }
        int d = dunningDays == null ? current.dunningDays() : dunningDays;
        if (d < 0 || d > 366) {
            throw ApiException.validation("dunningDays", "must be between 0 and 366");
        }
        return new SettingsRow(c, z, recognition == null ? current.churnRecognition() : recognition, d);
    }
}
