package org.openkpi.revenue.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.api.model.CategoryAmount;
import org.openkpi.revenue.api.model.DateRangeInput;
import org.openkpi.revenue.api.model.FinancialsPoint;
import org.openkpi.revenue.api.model.Granularity;
import org.openkpi.revenue.engine.MovementKind;
import org.openkpi.revenue.repository.LedgerQueryRepository;
import org.openkpi.revenue.repository.MoneyFactRepository;
import org.openkpi.revenue.repository.MoneyFactRepository.DailyAmount;
import org.openkpi.revenue.repository.SettingsRepository;
import org.openkpi.revenue.repository.StoredMovement;
import org.openkpi.revenue.tenant.TenantId;

/**
 * Revenue, COGS, gross margin, operating expenses, EBITDA and net-new revenue per period. Subscription
 * revenue is MRR pro-rated by days active: each day earns that day's MRR (after the day's changes)
 * divided by the number of days in its month.
 */
@ApplicationScoped
public class FinancialsService {

    private static final int EXACT = 12;

    private final SeriesLoader loader;
    private final LedgerQueryRepository queries;
    private final MoneyFactRepository moneyFacts;
    private final SettingsRepository settings;

    public FinancialsService(SeriesLoader loader, LedgerQueryRepository queries, MoneyFactRepository moneyFacts,
            SettingsRepository settings) {
        this.loader = loader;
        this.queries = queries;
        this.moneyFacts = moneyFacts;
        this.settings = settings;
    }

    public List<FinancialsPoint> financials(TenantId tenant, DateRangeInput range, Granularity granularity) {
        Periods periods = MrrQueryService.periods(range, granularity);
        MoneyFormat money = new MoneyFormat(settings.find(tenant).reportingCurrency());
        int n = periods.size();

        // subscription revenue from the same MRR data as the unfiltered series
        SeriesData total = loader.load(tenant, periods, null, null, false);
        SeriesData.Balance opening = total.opening.get(null);
        BigDecimal mrr = opening == null ? BigDecimal.ZERO : opening.mrr;
        Map<LocalDate, SeriesData.DaySums> days = total.days.getOrDefault(null, new TreeMap<>());
        BigDecimal[] subscription = zeros(n);
        List<Map<YearMonth, BigDecimal>> mrrDaysByMonth = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            mrrDaysByMonth.add(new TreeMap<>());
        }
        for (LocalDate d = periods.from(); d.isBefore(periods.to()); d = d.plusDays(1)) {
            SeriesData.DaySums changes = days.get(d);
            if (changes != null) {
                mrr = mrr.add(changes.net());
            }
            if (mrr.signum() != 0) {
                mrrDaysByMonth.get(periods.indexOf(d)).merge(YearMonth.from(d), mrr, BigDecimal::add);
            }
        }
        for (int i = 0; i < n; i++) {
            subscription[i] = prorate(mrrDaysByMonth.get(i));
        }

        // one-off charges and refunds
        BigDecimal[] charges = zeros(n);
        BigDecimal[] refunds = zeros(n);
        Map<String, BigDecimal[]> chargesByCustomer = new HashMap<>();
        for (DailyAmount a : moneyFacts.charges(tenant, periods.from(), periods.to())) {
            int i = periods.indexOf(a.day());
            boolean refund = "REFUND".equals(a.kind());
            BigDecimal signed = refund ? a.amount().negate() : a.amount();
            if (refund) {
                refunds[i] = refunds[i].add(a.amount());
            } else {
                charges[i] = charges[i].add(a.amount());
            }
            BigDecimal[] ofCustomer = chargesByCustomer.computeIfAbsent(a.customerId(), c -> zeros(n));
            ofCustomer[i] = ofCustomer[i].add(signed);
        }

        // costs
        BigDecimal[] cogs = zeros(n);
        BigDecimal[] opex = zeros(n);
        List<Map<String, BigDecimal>> cogsByCategory = new ArrayList<>();
        List<Map<String, BigDecimal>> opexByCategory = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cogsByCategory.add(new TreeMap<>());
            opexByCategory.add(new TreeMap<>());
        }
        for (DailyAmount a : moneyFacts.costs(tenant, periods.from(), periods.to())) {
            int i = periods.indexOf(a.day());
            if ("COGS".equals(a.kind())) {
                cogs[i] = cogs[i].add(a.amount());
                cogsByCategory.get(i).merge(a.category(), a.amount(), BigDecimal::add);
            } else {
                opex[i] = opex[i].add(a.amount());
                opexByCategory.get(i).merge(a.category(), a.amount(), BigDecimal::add);
            }
        }

        BigDecimal[] netNew = netNewRevenue(tenant, periods, chargesByCustomer);

        List<FinancialsPoint> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            BigDecimal sub = money.of(subscription[i]).amount();
            BigDecimal revenue = sub.add(charges[i]).subtract(refunds[i]);
            BigDecimal grossProfit = revenue.subtract(cogs[i]);
            points.add(new FinancialsPoint(MrrQueryService.period(periods, i), money.of(sub), money.of(charges[i]),
                    money.of(refunds[i]), money.of(revenue), money.of(cogs[i]), money.of(grossProfit),
                    Ratios.of(grossProfit, revenue, "no revenue in period"), money.of(opex[i]),
                    money.of(grossProfit.subtract(opex[i])), money.of(netNew[i]), categories(cogsByCategory.get(i), money),
                    categories(opexByCategory.get(i), money)));
        }
        return points;
    }

    /** Revenue in each period from the customers whose first payment (NEW movement) falls in it. */
    private BigDecimal[] netNewRevenue(TenantId tenant, Periods periods, Map<String, BigDecimal[]> chargesByCustomer) {
        BigDecimal[] out = zeros(periods.size());
        List<StoredMovement> rows = queries.movementsOfCustomersNewIn(tenant, periods.from(), periods.to());
        int start = 0;
        while (start < rows.size()) {
            int end = start;
            String customer = rows.get(start).customerId();
            while (end < rows.size() && rows.get(end).customerId().equals(customer)) {
                end++;
            }
            List<StoredMovement> history = rows.subList(start, end);
            LocalDate firstDay = history.stream().filter(m -> m.kind() == MovementKind.NEW)
                    .findFirst().orElseThrow().day();
            int p = periods.indexOf(firstDay);
            Map<YearMonth, BigDecimal> mrrDays = new TreeMap<>();
            int next = 0;
            BigDecimal mrr = BigDecimal.ZERO;
            for (LocalDate d = firstDay; d.isBefore(periods.end(p)); d = d.plusDays(1)) {
                while (next < history.size() && !history.get(next).day().isAfter(d)) {
                    mrr = history.get(next++).toMrr();
                }
                if (mrr.signum() != 0) {
                    mrrDays.merge(YearMonth.from(d), mrr, BigDecimal::add);
                }
            }
            out[p] = out[p].add(prorate(mrrDays));
            BigDecimal[] charged = chargesByCustomer.get(customer);
            if (charged != null) {
                out[p] = out[p].add(charged[p]);
            }
            start = end;
        }
        return out;
    }

    /** Sum over months of (sum of the month's daily MRR) / days in the month. */
    private static BigDecimal prorate(Map<YearMonth, BigDecimal> mrrDaysByMonth) {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<YearMonth, BigDecimal> e : mrrDaysByMonth.entrySet()) {
            total = total.add(e.getValue().divide(BigDecimal.valueOf(e.getKey().lengthOfMonth()), EXACT, RoundingMode.HALF_UP));
        }
        return total;
    }

    private static List<CategoryAmount> categories(Map<String, BigDecimal> byCategory, MoneyFormat money) {
        return byCategory.entrySet().stream().map(e -> new CategoryAmount(e.getKey(), money.of(e.getValue()))).toList();
    }

    private static BigDecimal[] zeros(int n) {
        BigDecimal[] a = new BigDecimal[n];
        Arrays.fill(a, BigDecimal.ZERO);
        return a;
    }
}
