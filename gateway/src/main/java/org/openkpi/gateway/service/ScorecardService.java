package org.openkpi.gateway.service;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.gateway.api.model.AlertRule;
import org.openkpi.gateway.api.model.DateRangeInput;
import org.openkpi.gateway.api.model.FiringAlert;
import org.openkpi.gateway.api.model.Granularity;
import org.openkpi.gateway.api.model.Kpi;
import org.openkpi.gateway.api.model.Period;
import org.openkpi.gateway.api.model.Ratio;
import org.openkpi.gateway.api.model.ReviewFrequency;
import org.openkpi.gateway.api.model.Scorecard;
import org.openkpi.gateway.api.model.ScorecardEntry;
import org.openkpi.gateway.api.model.ScorecardStatus;
import org.openkpi.gateway.api.model.Target;
import org.openkpi.gateway.api.model.TargetDirection;
import org.openkpi.gateway.api.model.UnitEconomicsPoint;
import org.openkpi.gateway.subgraph.UpstreamCalls;

/**
 * The scorecard: every KPI of {@link Kpi} for the last complete period of a review frequency before {@code asOf},
 * judged against the target in force, with the trend against the preceding period, and the alert rules that hold.
 * All figures of both periods come from one parallel round of calls to the four services (five calls: revenue and
 * acquisition once for everything, retention twice, support once).
 */
@ApplicationScoped
public class ScorecardService {

    /** A miss of at most this share of the target's magnitude is AT_RISK rather than OFF_TRACK. */
    static final BigDecimal AT_RISK_TOLERANCE = new BigDecimal("0.10");

    static final String RETENTION = """
            query($r: DateRangeInput!, $g: Granularity!) {
              retentionSeries(range: $r, granularity: $g) { period { start } group logoChurnRate { value reason } grossMrrChurnRate { value reason } nrr { value reason } grr { value reason } }
              npsSeries(range: $r, granularity: $g) { period { start } nps reason }
            }""";
    static final String SUPPORT = """
            query($r: DateRangeInput!, $g: Granularity!) {
              supportSeries(range: $r, granularity: $g) { period { start } group csat { value reason } }
              firstResponseTime(range: $r, granularity: $g) { period { start } group businessHours { median } }
              resolutionTime(range: $r, granularity: $g) { period { start } group businessHours { median } }
            }""";
    static final String ZONE = "query { revenueSettings { timeZone } }";

    /** A KPI's value in one period, or why there is none. */
    record Actual(BigDecimal value, String reason) {
    }

    private final UpstreamCalls calls;
    private final UnitEconomicsService unitEconomics;
    private final TargetService targets;

    public ScorecardService(UpstreamCalls calls, UnitEconomicsService unitEconomics, TargetService targets) {
        this.calls = calls;
        this.unitEconomics = unitEconomics;
        this.targets = targets;
    }

    public Scorecard scorecard(ReviewFrequency frequency, LocalDate asOf) {
        LocalDate day = asOf != null ? asOf : todayInTenantZone();
        Granularity granularity = frequency.granularity();
        LocalDate end = periodStart(day, granularity);
        LocalDate start = Periods.previousStart(end, granularity);
        LocalDate previousStart = Periods.previousStart(start, granularity);
        Period period = new Period(start, end);
        Period previousPeriod = new Period(previousStart, start);
        Map<Kpi, Map<LocalDate, Actual>> actuals = actuals(new DateRangeInput(previousStart, end), granularity);

        List<Target> all = targets.targets();
        List<ScorecardEntry> entries = new ArrayList<>();
        for (Kpi kpi : Kpi.values()) {
            Actual actual = actuals.get(kpi).getOrDefault(start, new Actual(null, "no figure for the period"));
            Actual previous = actuals.get(kpi).getOrDefault(previousStart, new Actual(null, "no figure for the period"));
            entries.add(entry(kpi, actual, previous, target(all, kpi, frequency, start)));
        }
        List<FiringAlert> alerts = new ArrayList<>();
        for (AlertRule rule : targets.alertRules()) {
            if (rule.frequency() != frequency) {
                continue;
            }
            Actual actual = actuals.get(rule.kpi()).get(start);
            if (actual != null && actual.value() != null && holds(actual.value(), rule)) {
                alerts.add(new FiringAlert(rule, actual.value(), period, rule.kpi() + " is " + actual.value().toPlainString()
                        + " for " + start + " to " + end + " (" + symbol(rule) + " " + rule.threshold().toPlainString() + ")"));
            }
        }
        return new Scorecard(frequency, period, previousPeriod, entries, alerts);
    }

    static ScorecardEntry entry(Kpi kpi, Actual actual, Actual previous, Target target) {
        BigDecimal change = actual.value() != null && previous.value() != null ? actual.value().subtract(previous.value()) : null;
        Boolean improving = change == null || change.signum() == 0 ? null : (change.signum() > 0) == kpi.higherIsBetter();
        if (actual.value() == null) {
            return new ScorecardEntry(kpi, null, previous.value(), null, null, target, null, ScorecardStatus.UNKNOWN, actual.reason());
        }
        if (target == null) {
            return new ScorecardEntry(kpi, actual.value(), previous.value(), change, improving, null, null, ScorecardStatus.NO_TARGET, null);
        }
        BigDecimal gap = actual.value().subtract(target.value());
        BigDecimal miss = target.direction() == TargetDirection.AT_LEAST ? gap.negate() : gap;
        ScorecardStatus status = miss.signum() <= 0 ? ScorecardStatus.ON_TRACK
                : miss.compareTo(target.value().abs().multiply(AT_RISK_TOLERANCE)) <= 0 ? ScorecardStatus.AT_RISK
                : ScorecardStatus.OFF_TRACK;
        return new ScorecardEntry(kpi, actual.value(), previous.value(), change, improving, target, gap, status, null);
    }

    /** @return the target of the KPI and frequency with the latest effectiveFrom on or before the period start */
    static Target target(List<Target> targets, Kpi kpi, ReviewFrequency frequency, LocalDate periodStart) {
        Target best = null;
        for (Target t : targets) {
            if (t.kpi() == kpi && t.frequency() == frequency && !t.effectiveFrom().isAfter(periodStart)
                    && (best == null || t.effectiveFrom().isAfter(best.effectiveFrom()))) {
                best = t;
            }
        }
        return best;
    }

    static boolean holds(BigDecimal actual, AlertRule rule) {
        int c = actual.compareTo(rule.threshold());
        return switch (rule.comparison()) {
            case GT -> c > 0;
            case GTE -> c >= 0;
            case LT -> c < 0;
            case LTE -> c <= 0;
        };
    }

    private static String symbol(AlertRule rule) {
        return switch (rule.comparison()) {
            case GT -> ">";
            case GTE -> ">=";
            case LT -> "<";
            case LTE -> "<=";
        };
    }

    /** @return the start of the period of {@code granularity} containing {@code day} */
    static LocalDate periodStart(LocalDate day, Granularity granularity) {
        return switch (granularity) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
            case QUARTER -> day.withDayOfMonth(1).withMonth(((day.getMonthValue() - 1) / 3) * 3 + 1);
            case YEAR -> day.withDayOfYear(1);
        };
    }

    /** @return today in the tenant's zone as revenue-service has it (UTC when it cannot say) */
    public LocalDate todayInTenantZone() {
        Map<String, Object> data = calls.query("revenue", ZONE, Map.of()).join();
        String zone = Json.string(data, "revenueSettings", "timeZone");
        try {
            return LocalDate.now(zone == null ? ZoneId.of("UTC") : ZoneId.of(zone));
        } catch (RuntimeException e) {
            return LocalDate.now(ZoneId.of("UTC"));
        }
    }

    Map<Kpi, Map<LocalDate, Actual>> actuals(DateRangeInput range, Granularity granularity) {
        Map<String, Object> variables = UnitEconomicsService.variables(range, granularity);
        // revenue's and acquisition's answers serve both the unit economics and the scorecard's own KPIs
        UnitEconomicsService.Sources sources = unitEconomics.fetch(range, granularity, 6, null);
        CompletableFuture<Map<String, Object>> retention = calls.query("retention", RETENTION, variables);
        CompletableFuture<Map<String, Object>> support = calls.query("support", SUPPORT, variables);
        List<UnitEconomicsPoint> economics = unitEconomics.compute(sources);
        CompletableFuture<Map<String, Object>> revenue = sources.revenue();
        CompletableFuture<Map<String, Object>> acquisition = sources.acquisition();
        CompletableFuture.allOf(retention, support).join();

        Map<Kpi, Map<LocalDate, Actual>> actuals = new EnumMap<>(Kpi.class);
        for (Kpi kpi : Kpi.values()) {
            actuals.put(kpi, new HashMap<>());
        }
        String down = " unavailable";
        for (Map<String, Object> p : Json.list(revenue.join(), "mrrSeries")) {
            LocalDate start = LocalDate.parse(Json.string(p, "period", "start"));
            put(actuals, Kpi.MRR, start, Json.decimal(p, "mrrEnd", "amount"), null);
            put(actuals, Kpi.ARR, start, Json.decimal(p, "arr", "amount"), null);
            put(actuals, Kpi.NET_NEW_MRR, start, Json.decimal(p, "netNewMrr", "amount"), null);
            ratio(actuals, Kpi.MRR_GROWTH_RATE, start, Json.map(p, "growthRate"));
            ratio(actuals, Kpi.ARPA, start, Json.map(p, "arpa"));
        }
        for (Map<String, Object> p : Json.list(revenue.join(), "financials")) {
            ratio(actuals, Kpi.GROSS_MARGIN, LocalDate.parse(Json.string(p, "period", "start")), Json.map(p, "grossMargin"));
        }
        for (Map<String, Object> p : totals(Json.list(retention.join(), "retentionSeries"))) {
            LocalDate start = LocalDate.parse(Json.string(p, "period", "start"));
            ratio(actuals, Kpi.LOGO_CHURN, start, Json.map(p, "logoChurnRate"));
            ratio(actuals, Kpi.GROSS_MRR_CHURN, start, Json.map(p, "grossMrrChurnRate"));
            ratio(actuals, Kpi.NRR, start, Json.map(p, "nrr"));
            ratio(actuals, Kpi.GRR, start, Json.map(p, "grr"));
        }
        for (Map<String, Object> p : Json.list(retention.join(), "npsSeries")) {
            put(actuals, Kpi.NPS, LocalDate.parse(Json.string(p, "period", "start")), Json.decimal(p, "nps"), Json.string(p, "reason"));
        }
        for (Map<String, Object> p : totals(Json.list(acquisition.join(), "acquisitionCost"))) {
            ratio(actuals, Kpi.CAC, LocalDate.parse(Json.string(p, "period", "start")), Json.map(p, "cac"));
        }
        for (Map<String, Object> p : totals(Json.list(support.join(), "supportSeries"))) {
            ratio(actuals, Kpi.CSAT, LocalDate.parse(Json.string(p, "period", "start")), Json.map(p, "csat"));
        }
        for (Map<String, Object> p : totals(Json.list(support.join(), "firstResponseTime"))) {
            put(actuals, Kpi.FIRST_RESPONSE_BUSINESS_HOURS, LocalDate.parse(Json.string(p, "period", "start")),
                    Json.decimal(p, "businessHours", "median"), "no first responses in the period");
        }
        for (Map<String, Object> p : totals(Json.list(support.join(), "resolutionTime"))) {
            put(actuals, Kpi.RESOLUTION_BUSINESS_HOURS, LocalDate.parse(Json.string(p, "period", "start")),
                    Json.decimal(p, "businessHours", "median"), "no resolutions in the period");
        }
        for (UnitEconomicsPoint p : economics) {
            LocalDate start = p.period().start();
            put(actuals, Kpi.LTV, start, p.ltv());
            put(actuals, Kpi.LTV_TO_CAC, start, p.ltvToCac());
            put(actuals, Kpi.CAC_PAYBACK_MONTHS, start, p.cacPaybackMonths());
            put(actuals, Kpi.MAGIC_NUMBER, start, p.magicNumber());
        }
        fillUnavailable(actuals, revenue.join() == null, "revenue-service" + down, Kpi.MRR, Kpi.ARR, Kpi.NET_NEW_MRR,
                Kpi.MRR_GROWTH_RATE, Kpi.ARPA, Kpi.GROSS_MARGIN);
        fillUnavailable(actuals, retention.join() == null, "retention-service" + down, Kpi.LOGO_CHURN, Kpi.GROSS_MRR_CHURN,
                Kpi.NRR, Kpi.GRR, Kpi.NPS);
        fillUnavailable(actuals, acquisition.join() == null, "acquisition-service" + down, Kpi.CAC);
        fillUnavailable(actuals, support.join() == null, "support-service" + down, Kpi.CSAT,
                Kpi.FIRST_RESPONSE_BUSINESS_HOURS, Kpi.RESOLUTION_BUSINESS_HOURS);
        return actuals;
    }

    private static void fillUnavailable(Map<Kpi, Map<LocalDate, Actual>> actuals, boolean down, String reason, Kpi... kpis) {
        if (!down) {
            return;
        }
        for (Kpi kpi : kpis) {
            actuals.put(kpi, new UnavailableMap(reason));
        }
    }

    /** Every period's figure is missing for the same reason (its service did not answer). */
    private static final class UnavailableMap extends HashMap<LocalDate, Actual> {
        private final Actual actual;

        UnavailableMap(String reason) {
            this.actual = new Actual(null, reason);
        }

        @Override
        public Actual get(Object key) {
            return actual;
        }

        @Override
        public Actual getOrDefault(Object key, Actual defaultValue) {
            return actual;
        }
    }

    private static List<Map<String, Object>> totals(List<Map<String, Object>> points) {
        return points.stream().filter(p -> p.get("group") == null).toList();
    }

    private static void ratio(Map<Kpi, Map<LocalDate, Actual>> actuals, Kpi kpi, LocalDate start, Map<String, Object> ratio) {
        put(actuals, kpi, start, Json.decimal(ratio, "value"), Json.string(ratio, "reason"));
    }

    private static void put(Map<Kpi, Map<LocalDate, Actual>> actuals, Kpi kpi, LocalDate start, Ratio ratio) {
        put(actuals, kpi, start, ratio.value(), ratio.reason());
    }

    private static void put(Map<Kpi, Map<LocalDate, Actual>> actuals, Kpi kpi, LocalDate start, BigDecimal value, String reason) {
        actuals.get(kpi).put(start, new Actual(value == null ? null : Fractions.plain(value),
                value == null ? (reason == null ? "not defined for the period" : reason) : null));
    }
}
