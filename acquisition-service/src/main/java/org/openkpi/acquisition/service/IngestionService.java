package org.openkpi.acquisition.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.openkpi.acquisition.api.error.ApiException;
import org.openkpi.acquisition.api.error.ErrorCode;
import org.openkpi.acquisition.api.model.CampaignInput;
import org.openkpi.acquisition.api.model.DealInput;
import org.openkpi.acquisition.api.model.DealStageInput;
import org.openkpi.acquisition.api.model.DealStatus;
import org.openkpi.acquisition.api.model.EmailListActivityInput;
import org.openkpi.acquisition.api.model.FxRateInput;
import org.openkpi.acquisition.api.model.IngestResult;
import org.openkpi.acquisition.api.model.LeadInput;
import org.openkpi.acquisition.api.model.PipelineStageInput;
import org.openkpi.acquisition.api.model.SpendInput;
import org.openkpi.acquisition.api.model.TrialInput;
import org.openkpi.acquisition.api.model.VisitInput;
import org.openkpi.acquisition.api.model.VisitorCountInput;
import org.openkpi.acquisition.repository.FactRepository;
import org.openkpi.acquisition.repository.FactRepository.MoneyFact;
import org.openkpi.acquisition.repository.FactRepository.Table;
import org.openkpi.acquisition.repository.FxRateRepository;
import org.openkpi.acquisition.repository.FxRateRepository.FxRateRow;
import org.openkpi.acquisition.repository.RollupRepository;
import org.openkpi.acquisition.repository.Rows.CampaignRow;
import org.openkpi.acquisition.repository.Rows.DealRow;
import org.openkpi.acquisition.repository.Rows.EmailRow;
import org.openkpi.acquisition.repository.Rows.LeadRow;
import org.openkpi.acquisition.repository.Rows.OldKey;
import org.openkpi.acquisition.repository.Rows.SpendRow;
import org.openkpi.acquisition.repository.Rows.StageRow;
import org.openkpi.acquisition.repository.Rows.StageSpan;
import org.openkpi.acquisition.repository.Rows.TrialRow;
import org.openkpi.acquisition.repository.Rows.VisitRow;
import org.openkpi.acquisition.repository.Rows.VisitorCountRow;
import org.openkpi.acquisition.repository.SettingsRepository;
import org.openkpi.acquisition.repository.SettingsRow;
import org.openkpi.acquisition.repository.TenantLock;
import org.openkpi.acquisition.tenant.TenantId;

/**
 * Batched, all-or-nothing, idempotent ingestion. Each call validates every element first (an error names its
 * index and field and writes nothing), then writes in one transaction under the tenant lock and re-derives the
 * rollup days and customers the batch touched (before and after a replacement), so every KPI reflects the batch
 * when the call returns.
 */
@ApplicationScoped
public class IngestionService {

    private final int maxBatchSize;
    private final TenantLock lock;
    private final SettingsRepository settings;
    private final FxRateRepository fxRates;
    private final FactRepository facts;
    private final RollupRepository rollups;
    private final AttributionService attribution;

    public IngestionService(@ConfigProperty(name = "kpi.ingest.max-batch-size") int maxBatchSize, TenantLock lock,
            SettingsRepository settings, FxRateRepository fxRates, FactRepository facts, RollupRepository rollups,
            AttributionService attribution) {
        this.maxBatchSize = maxBatchSize;
        this.lock = lock;
        this.settings = settings;
        this.fxRates = fxRates;
        this.facts = facts;
        this.rollups = rollups;
        this.attribution = attribution;
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

    /** An optional dimension value (channel, campaign, owner): a name of at most 200 characters, '' when omitted. */
    private static String dim(int index, String field, String value) {
        String v = Fields.optionalName(index, field, value);
        return v == null ? "" : v;
    }

    private <T> Batch<T> classify(TenantId tenant, Table table, List<Batch.Item<T>> items) {
        return Batch.classify(items, ids -> facts.hashes(tenant, table, ids));
    }

    private static <T> List<T> values(List<Batch.Item<T>> items) {
        return items.stream().map(Batch.Item::value).toList();
    }

    private static List<String> ids(List<? extends Batch.Item<?>> items) {
        return items.stream().map(Batch.Item::id).toList();
    }

    // ---- visitors --------------------------------------------------------------------------------

    @Transactional
    public IngestResult recordVisitorCounts(TenantId tenant, List<VisitorCountInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        List<Batch.Item<VisitorCountRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            VisitorCountInput in = inputs.get(i);
            LocalDate day = Fields.date(i, "date", in.date());
            long visitors = Fields.count(i, "visitors", in.visitors());
            VisitorCountRow row = new VisitorCountRow(day, dim(i, "channel", in.channel()), dim(i, "campaign", in.campaign()), visitors);
            items.add(new Batch.Item<>(i, row.key(), Long.toString(row.visitors()), row));
        }
        Batch<VisitorCountRow> batch = Batch.classify(items, keys -> {
            Map<String, Long> stored = facts.visitorCounts(tenant, values(items));
            Map<String, String> out = new java.util.HashMap<>();
            stored.forEach((k, v) -> out.put(k, Long.toString(v)));
            return out;
        });
        List<VisitorCountRow> changed = values(batch.changed());
        facts.upsertVisitorCounts(tenant, changed);
        rollups.rebuildVisitors(tenant, changed.stream().map(VisitorCountRow::day).collect(java.util.stream.Collectors.toSet()));
        return batch.result();
    }

    @Transactional
    public IngestResult recordVisits(TenantId tenant, List<VisitInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        ZoneId zone = settings.find(tenant).zone();
        List<Batch.Item<VisitRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            VisitInput in = inputs.get(i);
            String id = Fields.id(i, "externalId", in.externalId());
            String visitor = Fields.id(i, "visitorId", in.visitorId());
            Instant at = Fields.instant(i, "occurredAt", in.occurredAt());
            String channel = dim(i, "channel", in.channel());
            String campaign = dim(i, "campaign", in.campaign());
            String hash = ContentHash.of(visitor, at, channel, campaign);
            items.add(new Batch.Item<>(i, id, hash, new VisitRow(id, visitor, at, LocalDate.ofInstant(at, zone), channel, campaign, hash)));
        }
        Batch<VisitRow> batch = classify(tenant, Table.VISIT, items);
        Set<LocalDate> days = new HashSet<>();
        facts.oldKeys(tenant, Table.VISIT, ids(batch.replaced())).forEach(k -> days.add(k.day()));
        batch.changed().forEach(item -> days.add(item.value().day()));
        facts.upsertVisits(tenant, values(batch.changed()));
        rollups.rebuildVisitors(tenant, days);
        return batch.result();
    }

    // ---- trials and leads ------------------------------------------------------------------------

    @Transactional
    public IngestResult recordTrials(TenantId tenant, List<TrialInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        SettingsRow s = settings.find(tenant);
        List<Batch.Item<TrialRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            TrialInput in = inputs.get(i);
            String id = Fields.id(i, "externalId", in.externalId());
            Instant at = Fields.instant(i, "startedAt", in.startedAt());
            String channel = dim(i, "channel", in.channel());
            String campaign = dim(i, "campaign", in.campaign());
            String customer = optionalId(i, "customerId", in.customerId());
            String hash = ContentHash.of(at, channel, campaign, customer);
            items.add(new Batch.Item<>(i, id, hash, new TrialRow(id, at, LocalDate.ofInstant(at, s.zone()), channel, campaign, customer, hash)));
        }
        Batch<TrialRow> batch = classify(tenant, Table.TRIAL, items);
        Set<LocalDate> days = new HashSet<>();
        Set<String> customers = new LinkedHashSet<>();
        for (OldKey k : facts.oldKeys(tenant, Table.TRIAL, ids(batch.replaced()))) {
            days.add(k.day());
            addIfPresent(customers, k.customerId());
        }
        for (Batch.Item<TrialRow> item : batch.changed()) {
            days.add(item.value().day());
            addIfPresent(customers, item.value().customerId());
        }
        facts.upsertTrials(tenant, values(batch.changed()));
        rollups.rebuildTrials(tenant, days, s.conversionWindowDays());
        attribution.refresh(tenant, customers, s.conversionWindowDays());
        return batch.result();
    }

    @Transactional
    public IngestResult recordLeads(TenantId tenant, List<LeadInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        SettingsRow s = settings.find(tenant);
        List<Batch.Item<LeadRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            LeadInput in = inputs.get(i);
            String id = Fields.id(i, "externalId", in.externalId());
            Instant captured = Fields.instant(i, "capturedAt", in.capturedAt());
            Instant mql = notBefore(i, "mqlAt", Fields.optionalInstant(i, "mqlAt", in.mqlAt()), captured, "capturedAt");
            Instant sql = notBefore(i, "sqlAt", Fields.optionalInstant(i, "sqlAt", in.sqlAt()), captured, "capturedAt");
            if (sql != null && mql != null && sql.isBefore(mql)) {
                throw ApiException.validation(i, "sqlAt", "is before mqlAt");
            }
            Instant followUp = notBefore(i, "firstFollowUpAt", Fields.optionalInstant(i, "firstFollowUpAt", in.firstFollowUpAt()),
                    captured, "capturedAt");
            String channel = dim(i, "channel", in.channel());
            String campaign = dim(i, "campaign", in.campaign());
            String owner = dim(i, "owner", in.owner());
            String customer = optionalId(i, "customerId", in.customerId());
            String hash = ContentHash.of(captured, channel, campaign, owner, mql, sql, followUp, customer);
            items.add(new Batch.Item<>(i, id, hash, new LeadRow(id, captured, LocalDate.ofInstant(captured, s.zone()), channel, campaign,
                    owner, mql, mql == null ? null : LocalDate.ofInstant(mql, s.zone()), sql, followUp, customer, hash)));
        }
        Batch<LeadRow> batch = classify(tenant, Table.LEAD, items);
        Set<LocalDate> days = new HashSet<>();
        Set<String> customers = new LinkedHashSet<>();
        for (OldKey k : facts.oldKeys(tenant, Table.LEAD, ids(batch.replaced()))) {
            days.add(k.day());
            addIfPresent(customers, k.customerId());
        }
        for (Batch.Item<LeadRow> item : batch.changed()) {
            days.add(item.value().day());
            addIfPresent(customers, item.value().customerId());
        }
        facts.upsertLeads(tenant, values(batch.changed()));
        rollups.rebuildLeads(tenant, days);
        attribution.refresh(tenant, customers, s.conversionWindowDays());
        return batch.result();
    }

    private static void addIfPresent(Set<String> set, String value) {
        if (value != null) {
            set.add(value);
        }
    }

    private static String optionalId(int i, String field, String value) {
        return Fields.optionalText(value) == null ? null : Fields.id(i, field, value);
    }

    private static Instant notBefore(int i, String field, Instant value, Instant start, String startField) {
        if (value != null && value.isBefore(start)) {
            throw ApiException.validation(i, field, "is before " + startField);
        }
        return value;
    }

    // ---- pipeline and deals ----------------------------------------------------------------------

    @Transactional
    public IngestResult recordPipelineStages(TenantId tenant, List<PipelineStageInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        List<Batch.Item<StageRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            PipelineStageInput in = inputs.get(i);
            String code = Fields.id(i, "code", in.code());
            String name = Fields.id(i, "name", in.name());
            if (in.position() == null) {
                throw ApiException.validation(i, "position", "is required");
            }
            BigDecimal p = Ratios.plain(Fields.probability(i, "winProbability", in.winProbability()));
            String hash = ContentHash.of(name, in.position(), p);
            items.add(new Batch.Item<>(i, code, hash, new StageRow(code, name, in.position(), p, hash)));
        }
        Map<String, StageRow> stored = facts.stages(tenant);
        Batch<StageRow> batch = Batch.classify(items, ids -> {
            Map<String, String> out = new java.util.HashMap<>();
            stored.forEach((k, v) -> out.put(k, v.hash()));
            return out;
        });
        facts.upsertStages(tenant, values(batch.changed()));
        return batch.result();
    }

    @Transactional
    public IngestResult recordDeals(TenantId tenant, List<DealInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        SettingsRow s = settings.find(tenant);
        Conversion fx = new Conversion(s.reportingCurrency(), fxRates.findAll(tenant));
        Set<String> stages = facts.stages(tenant).keySet();
        List<Batch.Item<DealRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            DealRow row = toDeal(i, inputs.get(i), s.zone(), fx, stages);
            items.add(new Batch.Item<>(i, row.externalId(), row.hash(), row));
        }
        Batch<DealRow> batch = classify(tenant, Table.DEAL, items);
        facts.upsertDeals(tenant, values(batch.changed()));
        return batch.result();
    }

    private static DealRow toDeal(int i, DealInput in, ZoneId zone, Conversion fx, Set<String> knownStages) {
        String id = Fields.id(i, "externalId", in.externalId());
        String name = Fields.optionalName(i, "name", in.name());
        String owner = Fields.id(i, "owner", in.owner());
        BigDecimal amount = Ratios.plain(Fields.nonNegative(i, "amount", in.amount()));
        String currency = Fields.currency(i, "currency", in.currency());
        Instant created = Fields.instant(i, "createdAt", in.createdAt());
        if (in.status() == null) {
            throw ApiException.validation(i, "status", "is required");
        }
        Instant closed = Fields.optionalInstant(i, "closedAt", in.closedAt());
        if (in.status() == DealStatus.OPEN && closed != null) {
            throw ApiException.validation(i, "closedAt", "must be omitted for an OPEN deal");
        }
        if (in.status() != DealStatus.OPEN && closed == null) {
            throw ApiException.validation(i, "closedAt", "is required for a " + in.status() + " deal");
        }
        notBefore(i, "closedAt", closed, created, "createdAt");
        String lostReason = Fields.freeText(i, "lostReason", in.lostReason());
        if (in.status() != DealStatus.LOST && lostReason != null) {
            throw ApiException.validation(i, "lostReason", "only a LOST deal has a lost reason");
        }
        if (in.stages() == null || in.stages().isEmpty()) {
            throw ApiException.validation(i, "stages", "at least one stage transition is required");
        }
        List<String> stageCodes = new ArrayList<>();
        List<Instant> entered = new ArrayList<>();
        for (int k = 0; k < in.stages().size(); k++) {
            DealStageInput st = in.stages().get(k);
            String field = "stages[" + k + "]";
            if (st == null) {
                throw ApiException.validation(i, field, "is null");
            }
            String code = Fields.id(i, field + ".stage", st.stage());
            if (!knownStages.contains(code)) {
                throw ApiException.validation(i, field + ".stage", "unknown pipeline stage " + code
                        + " (record it with recordPipelineStages first)");
            }
            Instant at = Fields.instant(i, field + ".enteredAt", st.enteredAt());
            notBefore(i, field + ".enteredAt", at, k == 0 ? created : entered.get(k - 1), k == 0 ? "createdAt" : "the previous stage");
            if (closed != null && at.isAfter(closed)) {
                throw ApiException.validation(i, field + ".enteredAt", "is after closedAt");
            }
            stageCodes.add(code);
            entered.add(at);
        }
        List<StageSpan> spans = new ArrayList<>();
        for (int k = 0; k < stageCodes.size(); k++) {
            Instant exit = k + 1 < stageCodes.size() ? entered.get(k + 1) : closed;
            spans.add(new StageSpan(k, stageCodes.get(k), entered.get(k), exit, exit == null ? null : LocalDate.ofInstant(exit, zone)));
        }
        LocalDate closedDay = closed == null ? null : LocalDate.ofInstant(closed, zone);
        BigDecimal converted = fx.convert(i, amount, currency, closedDay != null ? closedDay : LocalDate.ofInstant(created, zone));
        String channel = dim(i, "channel", in.channel());
        String campaign = dim(i, "campaign", in.campaign());
        String hash = ContentHash.of(name, owner, amount, currency, channel, campaign, created, String.join(",", stageCodes),
                entered.toString(), in.status(), closed, lostReason);
        return new DealRow(id, name, owner, channel, campaign, amount, currency, converted, created, in.status().name(), closed,
                closedDay, lostReason, hash, spans);
    }

    // ---- money facts -----------------------------------------------------------------------------

    @Transactional
    public IngestResult recordCampaigns(TenantId tenant, List<CampaignInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        SettingsRow s = settings.find(tenant);
        Conversion fx = new Conversion(s.reportingCurrency(), fxRates.findAll(tenant));
        List<Batch.Item<CampaignRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            CampaignInput in = inputs.get(i);
            String id = Fields.id(i, "externalId", in.externalId());
            String name = Fields.id(i, "name", in.name());
            String channel = dim(i, "channel", in.channel());
            LocalDate start = Fields.date(i, "startDate", in.startDate());
            LocalDate end = in.endDate() == null || in.endDate().isBlank() ? null : Fields.date(i, "endDate", in.endDate());
            if (end != null && end.isBefore(start)) {
                throw ApiException.validation(i, "endDate", "is before startDate");
            }
            BigDecimal cost = Ratios.plain(Fields.nonNegative(i, "cost", in.cost()));
            BigDecimal revenue = Ratios.plain(Fields.nonNegative(i, "attributedRevenue", in.attributedRevenue()));
            String currency = Fields.currency(i, "currency", in.currency());
            BigDecimal costR = fx.convert(i, cost, currency, start);
            BigDecimal revenueR = fx.convert(i, revenue, currency, start);
            String hash = ContentHash.of(name, channel, start, end, cost, revenue, currency);
            items.add(new Batch.Item<>(i, id, hash, new CampaignRow(id, name, channel, start, end, currency, cost, revenue, costR, revenueR, hash)));
        }
        Batch<CampaignRow> batch = classify(tenant, Table.CAMPAIGN, items);
        facts.upsertCampaigns(tenant, values(batch.changed()));
        return batch.result();
    }

    @Transactional
    public IngestResult recordSpend(TenantId tenant, List<SpendInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        SettingsRow s = settings.find(tenant);
        Conversion fx = new Conversion(s.reportingCurrency(), fxRates.findAll(tenant));
        List<Batch.Item<SpendRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            SpendInput in = inputs.get(i);
            String id = Fields.id(i, "externalId", in.externalId());
            LocalDate month = month(i, in.month());
            if (in.kind() == null) {
                throw ApiException.validation(i, "kind", "is required");
            }
            String channel = dim(i, "channel", in.channel());
            BigDecimal amount = Ratios.plain(Fields.nonNegative(i, "amount", in.amount()));
            String currency = Fields.currency(i, "currency", in.currency());
            BigDecimal converted = fx.convert(i, amount, currency, month);
            String hash = ContentHash.of(month, channel, in.kind(), amount, currency);
            items.add(new Batch.Item<>(i, id, hash, new SpendRow(id, month, channel, in.kind().name(), amount, currency, converted, hash)));
        }
        Batch<SpendRow> batch = classify(tenant, Table.SPEND, items);
        facts.upsertSpend(tenant, values(batch.changed()));
        return batch.result();
    }

    private static LocalDate month(int i, String value) {
        String v = Fields.text(i, "month", value);
        YearMonth month;
        try {
            month = YearMonth.parse(v);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(i, "month", "malformed month '" + Fields.echo(v) + "', expected YYYY-MM such as 2024-03");
        }
        Fields.year(i, "month", month.getYear());
        return month.atDay(1);
    }

    @Transactional
    public IngestResult recordEmailListActivity(TenantId tenant, List<EmailListActivityInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        List<Batch.Item<EmailRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            EmailListActivityInput in = inputs.get(i);
            String id = Fields.id(i, "externalId", in.externalId());
            LocalDate day = Fields.date(i, "date", in.date());
            long subscribes = Fields.count(i, "subscribes", in.subscribes());
            long unsubscribes = Fields.count(i, "unsubscribes", in.unsubscribes());
            String hash = ContentHash.of(day, subscribes, unsubscribes);
            items.add(new Batch.Item<>(i, id, hash, new EmailRow(id, day, subscribes, unsubscribes, hash)));
        }
        Batch<EmailRow> batch = classify(tenant, Table.EMAIL, items);
        Set<LocalDate> days = new HashSet<>();
        facts.oldKeys(tenant, Table.EMAIL, ids(batch.replaced())).forEach(k -> days.add(k.day()));
        batch.changed().forEach(item -> days.add(item.value().day()));
        facts.upsertEmail(tenant, values(batch.changed()));
        rollups.rebuildEmail(tenant, days);
        return batch.result();
    }

    // ---- FX and settings -------------------------------------------------------------------------

    @Transactional
    public IngestResult recordFxRates(TenantId tenant, List<FxRateInput> inputs) {
        checkSize(inputs);
        lock.lock(tenant);
        List<Batch.Item<FxRateRow>> items = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            FxRateInput in = inputs.get(i);
            String currency = Fields.currency(i, "currency", in.currency());
            LocalDate date = Fields.date(i, "date", in.date());
            BigDecimal rate = Ratios.plain(Fields.positiveRate(i, "rate", in.rate()));
            items.add(new Batch.Item<>(i, currency + ":" + date, rate.toPlainString(), new FxRateRow(currency, date, rate)));
        }
        Map<String, BigDecimal> stored = fxRates.findAll(tenant);
        Batch<FxRateRow> batch = Batch.classify(items, ids -> {
            Map<String, String> out = new java.util.HashMap<>();
            stored.forEach((k, v) -> out.put(k, Ratios.plain(v).toPlainString()));
            return out;
        });
        if (!batch.changed().isEmpty()) {
            fxRates.upsert(tenant, values(batch.changed()));
            reconvert(tenant, settings.find(tenant).reportingCurrency());
        }
        return batch.result();
    }

    /** Converts every stored money fact again with the stored rates into {@code currency}. */
    private void reconvert(TenantId tenant, String currency) {
        Conversion fx = new Conversion(currency, fxRates.findAll(tenant));
        List<Map.Entry<MoneyFact, BigDecimal[]>> converted = new ArrayList<>();
        for (MoneyFact f : facts.moneyFacts(tenant)) {
            BigDecimal a = fx.convertOrNull(f.amount(), f.currency(), f.date());
            BigDecimal b = f.amount2() == null ? null : fx.convertOrNull(f.amount2(), f.currency(), f.date());
            if (a == null || (f.amount2() != null && b == null)) {
                throw ApiException.validation("reportingCurrency", "stored " + f.table().name().toLowerCase() + " " + f.externalId()
                        + " in " + f.currency() + " has no FX rate to " + currency + " effective on " + f.date());
            }
            converted.add(Map.entry(f, new BigDecimal[] { a, b }));
        }
        facts.updateConverted(tenant, converted);
    }

    @Transactional
    public SettingsRow updateSettings(TenantId tenant, String currency, String zone, Integer windowDays) {
        lock.lock(tenant);
        SettingsRow current = settings.find(tenant);
        String c = currency == null ? current.reportingCurrency() : Fields.currency(0, "reportingCurrency", currency);
        String z = current.timeZone();
        if (zone != null) {
            try {
                z = ZoneId.of(zone).getId();
            } catch (RuntimeException ex) {
                throw ApiException.validation("timeZone", "unknown time zone '" + Fields.echo(zone) + "'");
            }
        }
        int w = windowDays == null ? current.conversionWindowDays() : windowDays;
        if (w < 0 || w > 365) {
            throw ApiException.validation("conversionWindowDays", "must be between 0 and 365");
        }
        SettingsRow next = new SettingsRow(c, z, w);
        settings.save(tenant, next);
        if (!z.equals(current.timeZone())) {
            facts.reDay(tenant, z);
        }
        if (!c.equals(current.reportingCurrency()) || !z.equals(current.timeZone())) {
            reconvert(tenant, c);
        }
        if (!next.equals(current)) {
            rollups.rebuildAll(tenant, w);
        }
        return next;
    }
}
