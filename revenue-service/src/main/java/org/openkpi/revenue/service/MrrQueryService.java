package org.openkpi.revenue.service;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.api.error.ApiException;
import org.openkpi.revenue.api.error.ErrorCode;
import org.openkpi.revenue.api.model.CustomerMrrHistory;
import org.openkpi.revenue.api.model.DateRangeInput;
import org.openkpi.revenue.api.model.Granularity;
import org.openkpi.revenue.api.model.Movement;
import org.openkpi.revenue.api.model.MovementConnection;
import org.openkpi.revenue.api.model.MovementEdge;
import org.openkpi.revenue.api.model.MrrPoint;
import org.openkpi.revenue.api.model.PageInfo;
import org.openkpi.revenue.api.model.Period;
import org.openkpi.revenue.api.model.PlanMixEntry;
import org.openkpi.revenue.api.model.RevenueDimension;
import org.openkpi.revenue.api.model.RevenueFilterInput;
import org.openkpi.revenue.api.model.UpsellPoint;
import org.openkpi.revenue.engine.MovementKind;
import org.openkpi.revenue.repository.CustomerRepository;
import org.openkpi.revenue.repository.CustomerRow;
import org.openkpi.revenue.repository.LedgerQueryRepository;
import org.openkpi.revenue.repository.LedgerQueryRepository.Dimension;
import org.openkpi.revenue.repository.LedgerQueryRepository.GroupBalance;
import org.openkpi.revenue.repository.LedgerQueryRepository.LedgerFilter;
import org.openkpi.revenue.repository.PlanRepository;
import org.openkpi.revenue.repository.PlanRow;
import org.openkpi.revenue.repository.SettingsRepository;
import org.openkpi.revenue.repository.SettingsRow;
import org.openkpi.revenue.repository.StoredMovement;
import org.openkpi.revenue.tenant.TenantId;

/** MRR KPIs read from the ledgers and rollups (nothing here recomputes history). */
@ApplicationScoped
public class MrrQueryService {

    public static final int MAX_PAGE = 1000;

    private final SeriesLoader loader;
    private final LedgerQueryRepository queries;
    private final SettingsRepository settings;
    private final PlanRepository plans;
    private final CustomerRepository customers;
    private final Clock clock;

    public MrrQueryService(SeriesLoader loader, LedgerQueryRepository queries, SettingsRepository settings, PlanRepository plans,
            CustomerRepository customers, Clock clock) {
        this.loader = loader;
        this.queries = queries;
        this.settings = settings;
        this.plans = plans;
        this.customers = customers;
        this.clock = clock;
    }

    public List<MrrPoint> mrrSeries(TenantId tenant, DateRangeInput range, Granularity granularity, RevenueFilterInput filter,
            RevenueDimension groupBy) {
        Periods periods = periods(range, granularity);
        MoneyFormat money = new MoneyFormat(settings.find(tenant).reportingCurrency());
        SeriesData data = loader.load(tenant, periods, filter, groupBy, false);
        List<MrrPoint> points = new ArrayList<>();
        walk(data, periods, groupBy != null, (group, i, startMrr, startCustomers, sums) -> {
            BigDecimal net = sums.net();
            BigDecimal endMrr = startMrr.add(net);
            int endCustomers = startCustomers + sums.newCustomers + sums.reactivatedCustomers - sums.churnedCustomers;
            BigDecimal gains = sums.mrr[0].add(sums.mrr[1]).add(sums.mrr[4]);
            BigDecimal losses = sums.mrr[2].add(sums.mrr[3]);
            points.add(new MrrPoint(period(periods, i), Groups.label(group), money.of(startMrr), money.of(endMrr),
                    money.of(endMrr.multiply(BigDecimal.valueOf(12))), startCustomers, endCustomers, money.of(sums.mrr[0]),
                    money.of(sums.mrr[1]), money.of(sums.mrr[2]), money.of(sums.mrr[3]), money.of(sums.mrr[4]), money.of(net),
                    sums.newCustomers, sums.reactivatedCustomers, sums.churnedCustomers,
                    Ratios.of(endMrr.subtract(startMrr), startMrr, "no MRR at start of period"),
                    Ratios.of(gains, losses, "no contraction or churn in period"),
                    Ratios.of(endMrr, BigDecimal.valueOf(endCustomers), money.scale(), "no paying customers at end of period"),
                    Ratios.of(sums.mrr[0], BigDecimal.valueOf(sums.newCustomers), money.scale(), "no new customers in period")));
        });
        return points;
    }

    public List<UpsellPoint> upsellRate(TenantId tenant, DateRangeInput range, Granularity granularity, RevenueFilterInput filter,
            RevenueDimension groupBy) {
        Periods periods = periods(range, granularity);
        SeriesData data = loader.load(tenant, periods, filter, groupBy, true);
        List<UpsellPoint> points = new ArrayList<>();
        walk(data, periods, groupBy != null, (group, i, startMrr, startCustomers, sums) -> {
            int expanded = data.expansionCounts.getOrDefault(group, Map.of()).getOrDefault(i, 0);
            points.add(new UpsellPoint(period(periods, i), Groups.label(group), expanded, startCustomers,
                    Ratios.of(expanded, startCustomers, "no paying customers at start of period")));
        });
        return points;
    }

    @FunctionalInterface
    private interface PointSink {
        void accept(String group, int period, BigDecimal startMrr, int startCustomers, SeriesData.DaySums sums);
    }

    /**
     * Walks periods in order, per group, carrying the balances. Groups with nothing in a period are left
     * out of it; an ungrouped series always has every period.
     */
    private static void walk(SeriesData data, Periods periods, boolean grouped, PointSink sink) {
        List<String> groups = new ArrayList<>(data.groups());
        if (groups.isEmpty() && !grouped) {
            groups.add(null);
        }
        groups.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
        int n = periods.size();
        BigDecimal[] mrr = new BigDecimal[groups.size()];
        int[] customers = new int[groups.size()];
        SeriesData.DaySums[][] sums = new SeriesData.DaySums[groups.size()][n];
        for (int g = 0; g < groups.size(); g++) {
            SeriesData.Balance opening = data.opening.get(groups.get(g));
            mrr[g] = opening == null ? BigDecimal.ZERO : opening.mrr;
            customers[g] = opening == null ? 0 : opening.customers;
            for (int i = 0; i < n; i++) {
                sums[g][i] = new SeriesData.DaySums();
            }
            var days = data.days.get(groups.get(g));
            if (days != null) {
                for (var e : days.entrySet()) {
                    sums[g][periods.indexOf(e.getKey())].add(e.getValue());
                }
            }
        }
        for (int i = 0; i < n; i++) {
            for (int g = 0; g < groups.size(); g++) {
                boolean empty = groups.get(g) != null && mrr[g].signum() == 0 && customers[g] == 0 && sums[g][i].isZero();
                if (!empty) {
                    sink.accept(groups.get(g), i, mrr[g], customers[g], sums[g][i]);
                }
                mrr[g] = mrr[g].add(sums[g][i].net());
                customers[g] += sums[g][i].newCustomers + sums[g][i].reactivatedCustomers - sums[g][i].churnedCustomers;
            }
        }
    }

    public List<PlanMixEntry> planMix(TenantId tenant, LocalDate asOf) {
        MoneyFormat money = new MoneyFormat(settings.find(tenant).reportingCurrency());
        List<GroupBalance> total = queries.rollupOpening(tenant, Dimension.TOTAL, null, asOf, true);
        BigDecimal totalMrr = total.isEmpty() ? BigDecimal.ZERO : total.get(0).mrr();
        int totalCustomers = total.isEmpty() ? 0 : total.get(0).customers();
        Map<String, PlanRow> planRows = plans.findAll(tenant);
        List<PlanMixEntry> entries = new ArrayList<>();
        for (GroupBalance b : queries.rollupOpening(tenant, Dimension.PLAN, null, asOf, true)) {
            if (b.customers() == 0 && b.mrr().signum() == 0) {
                continue;
            }
            PlanRow plan = planRows.get(b.group());
            entries.add(new PlanMixEntry(b.group(), plan == null ? null : plan.name(), b.customers(),
                    Ratios.of(b.customers(), totalCustomers, "no paying customers"), money.of(b.mrr()),
                    Ratios.of(b.mrr(), totalMrr, "no MRR")));
        }
        entries.sort(Comparator.comparing((PlanMixEntry e) -> e.mrr().amount()).reversed().thenComparing(PlanMixEntry::planCode));
        return entries;
    }

    public MovementConnection movements(TenantId tenant, DateRangeInput range, RevenueFilterInput filter, List<MovementKind> kinds,
            String customerId, Integer first, String after) {
        Periods.of(range.from(), range.to(), Granularity.YEAR); // validates the range
        int limit = first == null ? 100 : first;
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "first must be between 1 and " + MAX_PAGE, null, "first");
        }
        LocalDate afterDay = LocalDate.of(1, 1, 1);
        String afterCustomer = "";
        if (after != null) {
            String[] parts = decodeCursor(after);
            afterDay = LocalDate.parse(parts[0]);
            afterCustomer = parts[1];
        }
        MoneyFormat money = new MoneyFormat(settings.find(tenant).reportingCurrency());
        List<StoredMovement> rows = queries.movementPage(tenant, range.from(), range.to(),
                new LedgerFilter(SeriesLoader.filterValues(filter)), kinds, customerId, afterDay, afterCustomer, limit + 1);
        boolean more = rows.size() > limit;
        List<MovementEdge> edges = new ArrayList<>();
        for (StoredMovement m : rows.subList(0, Math.min(limit, rows.size()))) {
            edges.add(new MovementEdge(encodeCursor(m.day(), m.customerId()), toApi(m, money)));
        }
        return new MovementConnection(edges, new PageInfo(more, edges.isEmpty() ? after : edges.get(edges.size() - 1).cursor()));
    }

    public CustomerMrrHistory customerHistory(TenantId tenant, String customerId, LocalDate asOf) {
        CustomerLedger ledger = customerLedgers(tenant, List.of(customerId)).get(customerId);
        if (ledger == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no customer " + customerId, null, "customerId");
        }
        return customerHistory(settings.find(tenant), ledger, asOf);
    }

    /** What a customer's MRR history is built from, whatever the day asked for. */
    public record CustomerLedger(CustomerRow customer, List<StoredMovement> movements) {
    }

    /** The ledgers of those of the given customers the tenant has (two queries, however many customers). */
    public Map<String, CustomerLedger> customerLedgers(TenantId tenant, Collection<String> customerIds) {
        Map<String, CustomerRow> found = customers.find(tenant, customerIds);
        Map<String, List<StoredMovement>> movements = queries.customerHistories(tenant, found.keySet());
        Map<String, CustomerLedger> ledgers = new HashMap<>();
        found.forEach((id, row) -> ledgers.put(id, new CustomerLedger(row, movements.getOrDefault(id, List.of()))));
        return ledgers;
    }

    /** Whether the tenant has this customer. */
    public boolean customerExists(TenantId tenant, String customerId) {
        return customers.find(tenant, List.of(customerId)).containsKey(customerId);
    }

    /** A customer's MRR history at the end of {@code asOf} (default today in the tenant's zone). */
    public CustomerMrrHistory customerHistory(SettingsRow s, CustomerLedger ledger, LocalDate asOf) {
        CustomerRow customer = ledger.customer();
        MoneyFormat money = new MoneyFormat(s.reportingCurrency());
        LocalDate day = asOf != null ? asOf : LocalDate.now(clock.withZone(s.zone()));
        List<StoredMovement> rows = ledger.movements();
        BigDecimal mrr = BigDecimal.ZERO;
        LocalDate firstPayment = null;
        LocalDate churnedOn = null;
        for (StoredMovement m : rows) {
            if (m.kind() == MovementKind.NEW) {
                firstPayment = m.day();
            }
            if (!m.day().isAfter(day)) {
                mrr = m.toMrr();
                churnedOn = m.kind() == MovementKind.CHURN ? m.day() : null;
            }
        }
        return new CustomerMrrHistory(customer.externalId(), customer.name(), customer.country(), customer.segment(),
                customer.channel(), money.of(mrr), firstPayment, churnedOn, rows.stream().map(m -> toApi(m, money)).toList());
    }

    static Movement toApi(StoredMovement m, MoneyFormat money) {
        return new Movement(m.customerId(), m.day(), org.openkpi.revenue.api.model.MovementKind.valueOf(m.kind().name()),
                money.of(m.fromMrr()), money.of(m.toMrr()), money.of(m.delta()), m.planCode(), m.country(), m.segment(),
                m.channel());
    }

    static Periods periods(DateRangeInput range, Granularity granularity) {
        if (range == null || granularity == null) {
            throw ApiException.validation("range", "range and granularity are required");
        }
        return Periods.of(range.from(), range.to(), granularity);
    }

    static Period period(Periods periods, int i) {
        return new Period(periods.start(i), periods.end(i));
    }

    private static String encodeCursor(LocalDate day, String customerId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((day + "|" + customerId).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeCursor(String cursor) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = raw.split("\\|", 2);
            LocalDate.parse(parts[0]);
            if (parts.length != 2) {
                throw new IllegalArgumentException();
            }
            return parts;
        } catch (RuntimeException e) {
            throw ApiException.validation("after", "malformed cursor");
        }
    }
}
