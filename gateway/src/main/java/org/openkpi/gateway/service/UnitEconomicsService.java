package org.openkpi.gateway.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.gateway.api.error.ApiException;
import org.openkpi.gateway.api.model.DateRangeInput;
import org.openkpi.gateway.api.model.Granularity;
import org.openkpi.gateway.api.model.Period;
import org.openkpi.gateway.api.model.Ratio;
import org.openkpi.gateway.api.model.UnitEconomicsFilterInput;
import org.openkpi.gateway.api.model.UnitEconomicsPoint;
import org.openkpi.gateway.subgraph.UpstreamCalls;

/**
 * LTV, LTV:CAC, CAC payback and magic number per period (METRICS.md, Cross-domain), from the figures of the
 * services that own them, fetched in parallel: ARPA, net new MRR and gross margin from revenue-service, the trailing
 * monthly logo churn from retention-service, CAC and sales &amp; marketing spend from acquisition-service. Inputs are
 * used unrounded (numerator and denominator of the services' ratios); each KPI is rounded once.
 */
@ApplicationScoped
public class UnitEconomicsService {

    /** Also carries what the scorecard reads (MRR, ARR, growth, ARPA, gross margin), so it asks revenue only once. */
    static final String REVENUE = """
            query($r: DateRangeInput!, $g: Granularity!, $f: RevenueFilterInput) {
              mrrSeries(range: $r, granularity: $g, filter: $f) { period { start end } group mrrEnd { amount currency } arr { amount }
                netNewMrr { amount } growthRate { value reason } arpa { value reason numerator denominator } }
              financials(range: $r, granularity: $g) { period { start } grossMargin { value reason numerator denominator } }
            }""";
    /** Also carries the CAC value and reason the scorecard reads, so it asks acquisition only once. */
    static final String ACQUISITION = """
            query($r: DateRangeInput!, $g: Granularity!, $f: AcquisitionFilterInput) {
              acquisitionCost(range: $r, granularity: $g, filter: $f) { period { start end } group cac { value reason numerator denominator }
                fullyLoadedSpend { amount currency } }
            }""";

    /**
     * The answers of the three services for one range (null data where a service failed), in flight.
     * {@code acquisition} starts one period before the range, for the magic number's preceding spend.
     */
    public record Sources(List<Period> periods, boolean cacNotSegmented, CompletableFuture<Map<String, Object>> revenue,
            CompletableFuture<Map<String, Object>> acquisition, CompletableFuture<Map<String, Object>> retention) {
    }

    private final UpstreamCalls calls;

    public UnitEconomicsService(UpstreamCalls calls) {
        this.calls = calls;
    }

    public List<UnitEconomicsPoint> series(DateRangeInput range, Granularity granularity, int churnWindowMonths) {
        return series(range, granularity, churnWindowMonths, null);
    }

    public List<UnitEconomicsPoint> series(DateRangeInput range, Granularity granularity, int churnWindowMonths,
            UnitEconomicsFilterInput filter) {
        return compute(fetch(range, granularity, churnWindowMonths, filter));
    }

    /** Sends the three services their queries at once; {@link #compute} waits for the answers. */
    public Sources fetch(DateRangeInput range, Granularity granularity, int churnWindowMonths, UnitEconomicsFilterInput filter) {
        if (granularity == null) {
            throw ApiException.validation("granularity", "is required");
        }
        if (churnWindowMonths < 1 || churnWindowMonths > 36) {
            throw ApiException.validation("churnWindowMonths", "must be between 1 and 36");
        }
        List<Period> periods = Periods.of(range, granularity);
        boolean filtered = filter != null && !filter.isEmpty();
        Map<String, Object> customers = filtered ? customerFilter(filter) : null;
        Map<String, Object> variables = variables(range, granularity);
        variables.put("f", customers);
        DateRangeInput extended = new DateRangeInput(Periods.previousStart(range.from(), granularity), range.to());
        Map<String, Object> acquisitionVariables = variables(extended, granularity);
        acquisitionVariables.put("f", filtered && filter.channels() != null && !filter.channels().isEmpty()
                ? Map.of("channels", filter.channels()) : null);
        Map<String, Object> retentionVariables = new LinkedHashMap<>();
        retentionVariables.put("f", customers);

        return new Sources(periods, filtered && filter.beyondChannels(),
                calls.query("revenue", REVENUE, variables),
                calls.query("acquisition", ACQUISITION, acquisitionVariables),
                calls.query("retention", trailingChurnQuery(periods, churnWindowMonths), retentionVariables));
    }

    /** One point per period of the sources, once the three answers are in. */
    public List<UnitEconomicsPoint> compute(Sources sources) {
        List<Period> periods = sources.periods();
        CompletableFuture<Map<String, Object>> revenue = sources.revenue();
        CompletableFuture<Map<String, Object>> acquisition = sources.acquisition();
        CompletableFuture<Map<String, Object>> retention = sources.retention();
        CompletableFuture.allOf(revenue, acquisition, retention).join();

        Map<String, Map<String, Object>> mrr = byStart(Json.list(revenue.join(), "mrrSeries"));
        Map<String, Map<String, Object>> financials = byStart(Json.list(revenue.join(), "financials"));
        List<Map<String, Object>> costs = Json.list(acquisition.join(), "acquisitionCost");
        Map<String, Map<String, Object>> costByStart = byStart(costs);
        Map<String, Map<String, Object>> costByEnd = new HashMap<>();
        for (Map<String, Object> point : costs) {
            costByEnd.put(Json.string(point, "period", "end"), point);
        }

        List<UnitEconomicsPoint> points = new ArrayList<>(periods.size());
        for (int i = 0; i < periods.size(); i++) {
            Period period = periods.get(i);
            String start = period.start().toString();
            Inputs in = new Inputs();
            Map<String, Object> m = mrr.get(start);
            in.currency = Json.string(m, "mrrEnd", "currency");
            in.arpa = Fractions.divide(Json.decimal(m, "arpa", "numerator"), Json.decimal(m, "arpa", "denominator"));
            in.netNewMrr = Json.decimal(m, "netNewMrr", "amount");
            Map<String, Object> f = financials.get(start);
            in.grossMargin = Fractions.divide(Json.decimal(f, "grossMargin", "numerator"), Json.decimal(f, "grossMargin", "denominator"));
            Map<String, Object> churn = Json.map(retention.join(), "p" + i);
            in.churn = Json.decimal(churn, "meanMonthlyLogoChurn");
            in.churnReason = Json.string(churn, "reason");
            Map<String, Object> cost = costByStart.get(start);
            in.cac = Fractions.divide(Json.decimal(cost, "cac", "numerator"), Json.decimal(cost, "cac", "denominator"));
            in.cacCurrency = Json.string(cost, "fullyLoadedSpend", "currency");
            Map<String, Object> previous = costByEnd.get(start);
            in.previousSpend = Json.decimal(previous, "fullyLoadedSpend", "amount");
            in.revenueDown = revenue.join() == null;
            in.retentionDown = retention.join() == null;
            in.acquisitionDown = acquisition.join() == null;
            in.cacDefined = cost != null && Json.decimal(cost, "cac", "denominator") != null
                    && Json.decimal(cost, "cac", "denominator").signum() != 0;
            in.marginDefined = f != null && in.grossMargin != null;
            in.paying = m != null && in.arpa != null;
            in.cacNotSegmented = sources.cacNotSegmented();
            points.add(point(period, in));
        }
        return points;
    }

    /** The inputs of one period, null where a service did not provide them. */
    static final class Inputs {
        String currency;
        BigDecimal arpa;
        BigDecimal grossMargin;
        BigDecimal churn;
        String churnReason;
        BigDecimal cac;
        String cacCurrency;
        BigDecimal netNewMrr;
        BigDecimal previousSpend;
        boolean revenueDown;
        boolean retentionDown;
        boolean acquisitionDown;
        boolean cacDefined;
        boolean marginDefined;
        boolean paying;
        boolean cacNotSegmented;
    }

    static UnitEconomicsPoint point(Period period, Inputs in) {
        BigDecimal margin = Fractions.multiply(in.arpa, in.grossMargin);
        String marginReason = in.revenueDown ? "revenue-service unavailable"
                : !in.paying ? "no paying customers at the end of the period"
                : !in.marginDefined ? "no revenue in the period, so no gross margin" : null;
        String churnReason = in.retentionDown ? "retention-service unavailable"
                : in.churn == null ? (in.churnReason == null ? "no churn figure" : in.churnReason)
                : in.churn.signum() == 0 ? "no churn observed" : null;
        String cacReason = in.cacNotSegmented ? NOT_SEGMENTED
                : in.acquisitionDown ? "acquisition-service unavailable"
                : !in.cacDefined ? "no new paying customers in the period, so no CAC" : null;
        String currencyReason = in.currency != null && in.cacCurrency != null && !in.currency.equals(in.cacCurrency)
                ? "currencies differ: revenue-service reports " + in.currency + ", acquisition-service " + in.cacCurrency : null;

        Ratio ltv = Fractions.ratio(margin, in.churn, Fractions.MONEY_SCALE, first(marginReason, churnReason));
        BigDecimal ltvValue = ltv.value() == null ? null : Fractions.divide(margin, in.churn);
        Ratio ltvToCac = Fractions.ratio(ltvValue, in.cac, Fractions.RATIO_SCALE,
                first(ltv.reason(), cacReason, currencyReason,
                        in.cac != null && in.cac.signum() == 0 ? "CAC is zero: no sales & marketing spend counted in the period" : null));
        Ratio payback = Fractions.ratio(in.cac, margin, Fractions.RATIO_SCALE,
                first(cacReason, marginReason, currencyReason,
                        margin != null && margin.signum() == 0 ? "ARPA x gross margin is zero" : null));
        BigDecimal annualised = in.netNewMrr == null ? null : in.netNewMrr.multiply(BigDecimal.valueOf(12));
        String magicReason = first(in.cacNotSegmented ? NOT_SEGMENTED : null,
                in.revenueDown ? "revenue-service unavailable" : null,
                in.acquisitionDown ? "acquisition-service unavailable" : null,
                in.previousSpend == null ? "no spend figure for the preceding period" : null,
                in.previousSpend != null && in.previousSpend.signum() == 0 ? "no sales & marketing spend in the preceding period" : null,
                currencyReason);
        Ratio magic = Fractions.ratio(annualised, in.previousSpend, Fractions.RATIO_SCALE, magicReason);
        return new UnitEconomicsPoint(period, in.currency, Fractions.plain(round(in.arpa)), Fractions.plain(round(in.grossMargin)),
                Fractions.plain(in.churn), in.cacNotSegmented ? null : Fractions.plain(round(in.cac)), in.netNewMrr,
                in.cacNotSegmented ? null : in.previousSpend,
                ltv, ltvToCac, payback, magic);
    }

    private static BigDecimal round(BigDecimal v) {
        return v == null ? null : v.setScale(Fractions.RATIO_SCALE, java.math.RoundingMode.HALF_UP);
    }

    private static String first(String... reasons) {
        for (String reason : reasons) {
            if (reason != null) {
                return reason;
            }
        }
        return null;
    }

    static final String NOT_SEGMENTED = "acquisition-service segments spend by channel only: "
            + "filter by channels alone for CAC-based KPIs";

    /** The customer filter as revenue- and retention-service take it (RevenueFilterInput, RetentionFilterInput). */
    static Map<String, Object> customerFilter(UnitEconomicsFilterInput filter) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("channels", filter.channels());
        f.put("plans", filter.plans());
        f.put("countries", filter.countries());
        f.put("segments", filter.segments());
        return f;
    }

    static Map<String, Object> variables(DateRangeInput range, Granularity granularity) {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("r", Map.of("from", range.from().toString(), "to", range.to().toString()));
        variables.put("g", granularity.name());
        return variables;
    }

    static String trailingChurnQuery(List<Period> periods, int months) {
        StringBuilder q = new StringBuilder("query($f: RetentionFilterInput) {");
        for (int i = 0; i < periods.size(); i++) {
            q.append(" p").append(i).append(": trailingChurn(asOf: \"").append(periods.get(i).end())
                    .append("\", months: ").append(months).append(", filter: $f) { meanMonthlyLogoChurn reason }");
        }
        return q.append(" }").toString();
    }

    static Map<String, Map<String, Object>> byStart(List<Map<String, Object>> points) {
        Map<String, Map<String, Object>> byStart = new HashMap<>();
        for (Map<String, Object> point : points) {
            if (Json.string(point, "group") == null) {
                byStart.put(Json.string(point, "period", "start"), point);
            }
        }
        return byStart;
    }
}
