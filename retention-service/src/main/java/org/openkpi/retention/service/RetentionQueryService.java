package org.openkpi.retention.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.api.error.ApiException;
import org.openkpi.retention.api.model.Granularity;
import org.openkpi.retention.api.model.Money;
import org.openkpi.retention.api.model.Period;
import org.openkpi.retention.api.model.Ratio;
import org.openkpi.retention.api.model.RetentionDimension;
import org.openkpi.retention.api.model.RetentionFilterInput;
import org.openkpi.retention.api.model.RetentionPoint;
import org.openkpi.retention.api.model.TrailingChurn;
import org.openkpi.retention.ledger.Contributions.DailySums;
import org.openkpi.retention.ledger.Contributions.YoungSums;
import org.openkpi.retention.repository.RollupRepository;
import org.openkpi.retention.repository.RollupRepository.DailyRow;
import org.openkpi.retention.repository.RollupRepository.Slice;
import org.openkpi.retention.repository.RollupRepository.YoungRow;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.tenant.TenantId;

/**
 * Logo churn, gross MRR churn, NRR and GRR per period from the rollups: the state at the range's start is one
 * indexed sum, each period adds its days' rows, and the movements of customers not paying at a period's start
 * (spell started inside the period) are subtracted, read from retention_young (only rows younger than the longest
 * period). Cost: O(days + groups + early movements of new spells), not O(customers or movements).
 */
@ApplicationScoped
public class RetentionQueryService {

    private final RollupRepository rollups;
    private final SettingsRepository settings;

    public RetentionQueryService(RollupRepository rollups, SettingsRepository settings) {
        this.rollups = rollups;
        this.settings = settings;
    }

    private static final class Acc {
        long paying;
        BigDecimal mrr = BigDecimal.ZERO;
        DailySums[] periods;
        YoungSums[] excluded;
        long[] payingStart;
        BigDecimal[] mrrStart;

        Acc(int n) {
            periods = new DailySums[n];
            excluded = new YoungSums[n];
            payingStart = new long[n];
            mrrStart = new BigDecimal[n];
            for (int i = 0; i < n; i++) {
                periods[i] = new DailySums();
                excluded[i] = new YoungSums();
            }
        }
    }

    public List<RetentionPoint> series(TenantId tenant, LocalDate from, LocalDate to, Granularity granularity,
            RetentionFilterInput filter, RetentionDimension groupBy) {
        if (granularity == null) {
            throw ApiException.validation("granularity", "is required");
        }
        return compute(tenant, Periods.of(from, to, granularity), filter, groupBy);
    }

    /** The one period [asOf minus 12 months, asOf). */
    public List<RetentionPoint> trailingTwelveMonths(TenantId tenant, LocalDate asOf, RetentionFilterInput filter,
            RetentionDimension groupBy) {
        if (asOf == null) {
            throw ApiException.validation("asOf", "is required");
        }
        return compute(tenant, Periods.single(asOf.minusMonths(12), asOf), filter, groupBy);
    }

    List<RetentionPoint> compute(TenantId tenant, Periods periods, RetentionFilterInput filter, RetentionDimension groupBy) {
        Slice slice = Slices.of(filter, groupBy);
        boolean grouped = groupBy != null;
        int n = periods.size();
        Map<String, Acc> groups = new HashMap<>();
        java.util.function.Function<String, Acc> acc = value -> groups.computeIfAbsent(grouped ? value : "", k -> new Acc(n));
        if (!grouped) {
            acc.apply("");
        }
        rollups.opening(tenant, slice, periods.from()).forEach((value, v) -> {
            Acc a = acc.apply(value);
            a.paying += (Long) v[0];
            a.mrr = a.mrr.add((BigDecimal) v[1]);
        });
        List<DailyRow> rows = rollups.daily(tenant, slice, periods.from(), periods.to());
        for (DailyRow r : rows) {
            acc.apply(r.value());
        }
        // a movement inside period i whose spell started inside it too: the customer was not paying at its start
        long longest = 0;
        for (int i = 0; i < n; i++) {
            longest = Math.max(longest, java.time.temporal.ChronoUnit.DAYS.between(periods.start(i), periods.end(i)));
        }
        for (YoungRow y : rollups.young(tenant, slice, periods.from(), periods.to(), (int) longest - 1)) {
            int i = periods.indexOf(y.day());
            if (i >= 0 && !y.spellStart().isBefore(periods.start(i))) {
                YoungSums e = acc.apply(y.value()).excluded[i];
                e.churnCount += y.sums().churnCount;
                e.expansionMrr = e.expansionMrr.add(y.sums().expansionMrr);
                e.contractionMrr = e.contractionMrr.add(y.sums().contractionMrr);
                e.churnMrr = e.churnMrr.add(y.sums().churnMrr);
            }
        }
        // walk the days: each group's running balance gives every period's opening state
        int p = 0;
        for (Acc a : groups.values()) {
            a.payingStart[0] = a.paying;
            a.mrrStart[0] = a.mrr;
        }
        for (DailyRow r : rows) {
            while (!r.day().isBefore(periods.end(p))) {
                p++;
                for (Acc a : groups.values()) {
                    a.payingStart[p] = a.paying;
                    a.mrrStart[p] = a.mrr;
                }
            }
            Acc a = acc.apply(r.value());
            DailySums s = a.periods[p];
            DailySums d = r.sums();
            s.churnCount += d.churnCount;
            s.expansionMrr = s.expansionMrr.add(d.expansionMrr);
            s.contractionMrr = s.contractionMrr.add(d.contractionMrr);
            s.churnMrr = s.churnMrr.add(d.churnMrr);
            a.paying += d.paying;
            a.mrr = a.mrr.add(d.mrr);
        }
        while (p < n - 1) {
            p++;
            for (Acc a : groups.values()) {
                a.payingStart[p] = a.paying;
                a.mrrStart[p] = a.mrr;
            }
        }
        String currency = settings.find(tenant).currency();
        List<String> keys = new ArrayList<>(new TreeSet<>(groups.keySet()));
        List<RetentionPoint> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (String key : keys) {
                Acc a = groups.get(key);
                DailySums s = a.periods[i];
                YoungSums x = a.excluded[i];
                long churned = s.churnCount - x.churnCount;
                BigDecimal expansion = s.expansionMrr.subtract(x.expansionMrr);
                BigDecimal contraction = s.contractionMrr.subtract(x.contractionMrr);
                BigDecimal churn = s.churnMrr.subtract(x.churnMrr);
                out.add(point(new Period(periods.start(i), periods.end(i)), grouped ? Slices.label(key) : null,
                        a.payingStart[i], a.mrrStart[i], churned, expansion, contraction, churn, currency));
            }
        }
        return out;
    }

    static RetentionPoint point(Period period, String group, long payingStart, BigDecimal mrrStart, long churned,
            BigDecimal expansion, BigDecimal contraction, BigDecimal churn, String currency) {
        String noCustomers = "no paying customers at start";
        String noMrr = "no MRR at start";
        return new RetentionPoint(period, group, (int) payingStart, money(mrrStart, currency), (int) churned,
                money(expansion, currency), money(contraction, currency), money(churn, currency),
                Ratios.of(churned, payingStart, noCustomers),
                Ratios.of(churn.add(contraction), mrrStart, noMrr),
                Ratios.of(mrrStart.add(expansion).subtract(contraction).subtract(churn), mrrStart, noMrr),
                Ratios.of(mrrStart.subtract(contraction).subtract(churn), mrrStart, noMrr));
    }

    static Money money(BigDecimal amount, String currency) {
        return new Money(Ratios.plain(amount), currency);
    }

    public TrailingChurn trailingChurn(TenantId tenant, LocalDate asOf, int months, RetentionFilterInput filter) {
        if (months < 1 || months > 120) {
            throw ApiException.validation("months", "must be between 1 and 120");
        }
        LocalDate end = asOf.withDayOfMonth(1);
        LocalDate start = end.minusMonths(months);
        List<RetentionPoint> points = compute(tenant, Periods.of(start, end, Granularity.MONTH), filter, null);
        List<Ratio> rates = points.stream().map(RetentionPoint::logoChurnRate).toList();
        BigDecimal sum = BigDecimal.ZERO;
        int defined = 0;
        for (Ratio r : rates) {
            if (r.value() != null) {
                sum = sum.add(r.value());
                defined++;
            }
        }
        Period window = new Period(start, end);
        if (defined == 0) {
            return new TrailingChurn(window, months, rates, null, null, "no paying customers at the start of any month of the window");
        }
        BigDecimal mean = sum.divide(BigDecimal.valueOf(defined), Ratios.SCALE, RoundingMode.HALF_UP);
        if (mean.signum() == 0) {
            return new TrailingChurn(window, months, rates, null, null, "no churn observed");
        }
        return new TrailingChurn(window, months, rates, Ratios.plain(mean),
                Ratios.plain(BigDecimal.ONE.divide(mean, 4, RoundingMode.HALF_UP)), null);
    }
}
