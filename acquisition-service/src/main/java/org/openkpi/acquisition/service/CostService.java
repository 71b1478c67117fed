package org.openkpi.acquisition.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.api.model.AcquisitionDimension;
import org.openkpi.acquisition.api.model.AcquisitionFilterInput;
import org.openkpi.acquisition.api.model.CampaignResult;
import org.openkpi.acquisition.api.model.CostPoint;
import org.openkpi.acquisition.api.model.DateRangeInput;
import org.openkpi.acquisition.api.model.Granularity;
import org.openkpi.acquisition.repository.QueryRepository;
import org.openkpi.acquisition.repository.QueryRepository.Filters;
import org.openkpi.acquisition.repository.QueryRepository.SpendSum;
import org.openkpi.acquisition.repository.Rows.CampaignRow;
import org.openkpi.acquisition.repository.SettingsRepository;
import org.openkpi.acquisition.tenant.TenantId;

/** CAC (blended, paid, fully loaded; by first-touch channel), visitor acquisition cost, cost per lead, campaign ROI. */
@ApplicationScoped
public class CostService {

    static final Dims COST_DIMS = Dims.of(AcquisitionDimension.CHANNEL, "channel");
    static final List<String> KINDS = List.of("AD_SPEND", "SALARIES", "TOOLS", "OVERHEAD");
    private static final int CUSTOMERS = 4;
    private static final int VISITORS = 5;
    private static final int LEADS = 6;

    private final QueryRepository queries;
    private final SettingsRepository settings;

    public CostService(QueryRepository queries, SettingsRepository settings) {
        this.queries = queries;
        this.settings = settings;
    }

    public List<CostPoint> acquisitionCost(TenantId tenant, DateRangeInput range, Granularity granularity, AcquisitionFilterInput filter,
            AcquisitionDimension groupBy) {
        Periods periods = Periods.of(range.from(), range.to(), granularity);
        COST_DIMS.groupColumn(groupBy);
        Filters filters = COST_DIMS.filters(filter);
        MoneyFormat money = new MoneyFormat(settings.find(tenant).reportingCurrency());
        String unit = FunnelService.unit(granularity);
        // always by channel: paid CAC needs to know which channels had ad spend
        Grid grid = new Grid(periods, 7, true);
        for (SpendSum s : queries.spend(tenant, periods.from().withDayOfMonth(1), periods.to(), filters)) {
            allocate(grid, periods, s);
        }
        grid.addBuckets(queries.rollup(tenant, "new_customer", List.of("customers"), unit, periods.from(), periods.to(), "channel",
                filters), CUSTOMERS);
        grid.addBuckets(queries.rollup(tenant, "visitor", List.of("visitors"), unit, periods.from(), periods.to(), "channel",
                filters), VISITORS);
        grid.addBuckets(queries.rollup(tenant, "lead", List.of("leads"), unit, periods.from(), periods.to(), "channel", filters),
                LEADS);
        List<CostPoint> out = new ArrayList<>();
        Map<Integer, BigDecimal[]> totals = new LinkedHashMap<>();
        Map<Integer, Long> paidTotals = new LinkedHashMap<>();
        for (int p = 0; p < periods.size(); p++) {
            totals.put(p, zeros());
            paidTotals.put(p, 0L);
        }
        for (Grid.Cell c : grid.cells()) {
            long paid = c.sum(0).signum() > 0 ? c.count(CUSTOMERS) : 0;
            if (groupBy != null) {
                out.add(point(periods, c.period(), Dims.label(c.group()), c.values(), paid, money));
            }
            BigDecimal[] t = totals.get(c.period());
            for (int m = 0; m < t.length; m++) {
                t[m] = t[m].add(c.values()[m]);
            }
            paidTotals.merge(c.period(), paid, Long::sum);
        }
        if (groupBy == null) {
            for (int p = 0; p < periods.size(); p++) {
                out.add(point(periods, p, null, totals.get(p), paidTotals.get(p), money));
            }
        }
        return out;
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] z = new BigDecimal[7];
        java.util.Arrays.fill(z, BigDecimal.ZERO);
        return z;
    }

    /** Spreads a month's spend evenly over its days and adds each overlapping period's share. */
    private static void allocate(Grid grid, Periods periods, SpendSum s) {
        int metric = KINDS.indexOf(s.kind());
        LocalDate monthEnd = s.month().plusMonths(1);
        long monthDays = ChronoUnit.DAYS.between(s.month(), monthEnd);
        int first = periods.indexOf(s.month().isBefore(periods.from()) ? periods.from() : s.month());
        if (first < 0) {
            return;
        }
        for (int p = first; p < periods.size() && periods.start(p).isBefore(monthEnd); p++) {
            LocalDate from = periods.start(p).isAfter(s.month()) ? periods.start(p) : s.month();
            LocalDate to = periods.end(p).isBefore(monthEnd) ? periods.end(p) : monthEnd;
            long days = ChronoUnit.DAYS.between(from, to);
            BigDecimal share = days == monthDays ? s.amount()
                    : s.amount().multiply(BigDecimal.valueOf(days)).divide(BigDecimal.valueOf(monthDays), 10, RoundingMode.HALF_UP);
            grid.add(s.channel(), periods.start(p), metric, share);
        }
    }

    private static CostPoint point(Periods periods, int p, String group, BigDecimal[] v, long paidCustomers, MoneyFormat money) {
        int scale = money.scale();
        BigDecimal ad = v[0].setScale(scale, RoundingMode.HALF_UP);
        BigDecimal blended = v[0].add(v[2]).setScale(scale, RoundingMode.HALF_UP);
        BigDecimal full = v[0].add(v[1]).add(v[2]).add(v[3]).setScale(scale, RoundingMode.HALF_UP);
        long customers = v[CUSTOMERS].longValue();
        long visitors = v[VISITORS].longValue();
        long leads = v[LEADS].longValue();
        return new CostPoint(FunnelService.period(periods, p), group, money.of(v[0]), money.of(v[1]), money.of(v[2]), money.of(v[3]),
                money.of(blended), money.of(full), customers, paidCustomers,
                Ratios.of(Ratios.plain(blended), BigDecimal.valueOf(customers), scale, "no new paying customers in the period"),
                Ratios.of(Ratios.plain(ad), BigDecimal.valueOf(paidCustomers), scale,
                        "no new paying customers from channels with ad spend in the period"),
                Ratios.of(Ratios.plain(full), BigDecimal.valueOf(customers), scale, "no new paying customers in the period"),
                visitors, Ratios.of(Ratios.plain(ad), BigDecimal.valueOf(visitors), scale, "no unique visitors in the period"),
                leads, Ratios.of(Ratios.plain(blended), BigDecimal.valueOf(leads), scale, "no leads captured in the period"));
    }

    public List<CampaignResult> campaigns(TenantId tenant, DateRangeInput range, AcquisitionFilterInput filter) {
        if (range != null) {
            Periods.of(range.from(), range.to(), Granularity.YEAR);
        }
        Filters filters = COST_DIMS.filters(filter);
        MoneyFormat money = new MoneyFormat(settings.find(tenant).reportingCurrency());
        List<CampaignResult> out = new ArrayList<>();
        for (CampaignRow c : queries.campaigns(tenant, range == null ? null : range.from(), range == null ? null : range.to(), filters)) {
            BigDecimal cost = c.costReporting();
            BigDecimal revenue = c.revenueReporting();
            out.add(new CampaignResult(c.externalId(), c.name(), Dims.label(c.channel()), c.startDate(), c.endDate(), money.of(cost),
                    money.of(revenue), Ratios.of(Ratios.plain(revenue.subtract(cost)), cost, "the campaign cost nothing")));
        }
        return out;
    }
}
