package org.openkpi.gateway.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.openkpi.gateway.api.model.AlertRule;
import org.openkpi.gateway.api.model.Comparison;
import org.openkpi.gateway.api.model.DateRangeInput;
import org.openkpi.gateway.api.model.Granularity;
import org.openkpi.gateway.api.model.Kpi;
import org.openkpi.gateway.api.model.Period;
import org.openkpi.gateway.api.model.ReviewFrequency;
import org.openkpi.gateway.api.model.ScorecardStatus;
import org.openkpi.gateway.api.model.Target;
import org.openkpi.gateway.api.model.TargetDirection;
import org.openkpi.gateway.api.model.UnitEconomicsPoint;

/** The gateway's arithmetic alone; {@code deploy}'s SuiteEndToEndTest checks the same examples across the real services. */
class UnitEconomicsTest {

    private static final Period JUNE = new Period(LocalDate.parse("2026-06-01"), LocalDate.parse("2026-07-01"));

    @Test
    void metricsExample3Ltv() {
        UnitEconomicsService.Inputs in = inputs("100", "0.80", "0.0125", null, "0", null);
        UnitEconomicsPoint p = UnitEconomicsService.point(JUNE, in);
        assertEquals(new BigDecimal("6400"), p.ltv().value());
        assertEquals(new BigDecimal("80"), p.ltv().numerator());
        assertEquals(new BigDecimal("0.0125"), p.ltv().denominator());
    }

    @Test
    void metricsExample11CacPayback() {
        UnitEconomicsService.Inputs in = inputs("78", "0.80", null, "667", "234", "1404");
        UnitEconomicsPoint p = UnitEconomicsService.point(JUNE, in);
        assertEquals(new BigDecimal("10.6891025641"), p.cacPaybackMonths().value());
        assertEquals(new BigDecimal("10.69"), p.cacPaybackMonths().value().setScale(2, java.math.RoundingMode.HALF_UP));
        assertEquals(new BigDecimal("2"), p.magicNumber().value());
        assertNull(p.ltv().value());
        assertEquals("no churn observed", p.ltv().reason());
        assertNull(p.ltvToCac().value());
    }

    @Test
    void ltvToCacAndTheReasonsWhenAServiceIsDown() {
        UnitEconomicsService.Inputs in = inputs("100", "0.80", "0.0125", "2000", "0", "0");
        assertEquals(new BigDecimal("3.2"), UnitEconomicsService.point(JUNE, in).ltvToCac().value());
        in.acquisitionDown = true;
        in.cacDefined = false;
        UnitEconomicsPoint p = UnitEconomicsService.point(JUNE, in);
        assertEquals("acquisition-service unavailable", p.ltvToCac().reason());
        assertEquals("acquisition-service unavailable", p.cacPaybackMonths().reason());
        assertEquals(new BigDecimal("6400"), p.ltv().value(), "LTV needs no acquisition figure");
    }

    @Test
    void zeroCacLeavesLtvToCacUndefinedWithAReason() {
        UnitEconomicsService.Inputs in = inputs("100", "0.80", "0.0125", "0", "100", null);
        UnitEconomicsPoint p = UnitEconomicsService.point(JUNE, in);
        assertNull(p.ltvToCac().value());
        assertEquals("CAC is zero: no sales & marketing spend counted in the period", p.ltvToCac().reason());
        assertEquals(new BigDecimal("0"), p.cacPaybackMonths().value());
        assertEquals("no spend figure for the preceding period", p.magicNumber().reason());
    }

    @Test
    void differentCurrenciesAreNotMixed() {
        UnitEconomicsService.Inputs in = inputs("100", "0.80", "0.0125", "2000", "0", "10");
        in.cacCurrency = "EUR";
        UnitEconomicsPoint p = UnitEconomicsService.point(JUNE, in);
        assertEquals("currencies differ: revenue-service reports USD, acquisition-service EUR", p.ltvToCac().reason());
        assertNull(p.magicNumber().value());
    }

    @Test
    void periodsAreCalendarAlignedAndClipped() {
        List<Period> weeks = Periods.of(new DateRangeInput(LocalDate.parse("2026-06-03"), LocalDate.parse("2026-06-20")), Granularity.WEEK);
        assertEquals(List.of(
                new Period(LocalDate.parse("2026-06-03"), LocalDate.parse("2026-06-08")),
                new Period(LocalDate.parse("2026-06-08"), LocalDate.parse("2026-06-15")),
                new Period(LocalDate.parse("2026-06-15"), LocalDate.parse("2026-06-20"))), weeks);
        assertEquals(4, Periods.of(new DateRangeInput(LocalDate.parse("2026-01-01"), LocalDate.parse("2027-01-01")), Granularity.QUARTER).size());
    }

    @Test
    void scorecardStatusAgainstTargets() {
        Target atLeast250 = new Target(Kpi.MRR, ReviewFrequency.MONTHLY, LocalDate.parse("2026-01-01"), new BigDecimal("250"), TargetDirection.AT_LEAST);
        assertEquals(ScorecardStatus.AT_RISK, entry(Kpi.MRR, "234", atLeast250).status());
        assertEquals(ScorecardStatus.ON_TRACK, entry(Kpi.MRR, "250", atLeast250).status());
        assertEquals(ScorecardStatus.OFF_TRACK, entry(Kpi.MRR, "224.99", atLeast250).status());
        assertEquals(ScorecardStatus.AT_RISK, entry(Kpi.MRR, "225", atLeast250).status(), "a miss of exactly 10% is at risk");
        Target atMost12 = new Target(Kpi.CAC_PAYBACK_MONTHS, ReviewFrequency.MONTHLY, LocalDate.parse("2026-01-01"), new BigDecimal("12"), TargetDirection.AT_MOST);
        assertEquals(ScorecardStatus.ON_TRACK, entry(Kpi.CAC_PAYBACK_MONTHS, "10.69", atMost12).status());
        assertEquals(ScorecardStatus.AT_RISK, entry(Kpi.CAC_PAYBACK_MONTHS, "13.2", atMost12).status());
        assertEquals(ScorecardStatus.OFF_TRACK, entry(Kpi.CAC_PAYBACK_MONTHS, "13.21", atMost12).status());
        assertEquals(ScorecardStatus.NO_TARGET, entry(Kpi.MRR, "1", null).status());
        var churn = ScorecardService.entry(Kpi.LOGO_CHURN, new ScorecardService.Actual(new BigDecimal("0.04"), null),
                new ScorecardService.Actual(new BigDecimal("0.05"), null), null);
        assertEquals(Boolean.TRUE, churn.improving(), "falling churn improves");
    }

    @Test
    void theTargetInForceIsTheLatestThatStartedByThePeriod() {
        Target jan = new Target(Kpi.MRR, ReviewFrequency.MONTHLY, LocalDate.parse("2026-01-01"), new BigDecimal("100"), TargetDirection.AT_LEAST);
        Target jul = new Target(Kpi.MRR, ReviewFrequency.MONTHLY, LocalDate.parse("2026-07-01"), new BigDecimal("300"), TargetDirection.AT_LEAST);
        Target weekly = new Target(Kpi.MRR, ReviewFrequency.WEEKLY, LocalDate.parse("2026-01-01"), new BigDecimal("5"), TargetDirection.AT_LEAST);
        assertEquals(jan, ScorecardService.target(List.of(jan, jul, weekly), Kpi.MRR, ReviewFrequency.MONTHLY, LocalDate.parse("2026-06-01")));
        assertEquals(jul, ScorecardService.target(List.of(jan, jul, weekly), Kpi.MRR, ReviewFrequency.MONTHLY, LocalDate.parse("2026-07-01")));
        assertNull(ScorecardService.target(List.of(jan, jul), Kpi.MRR, ReviewFrequency.MONTHLY, LocalDate.parse("2025-12-01")));
    }

    @Test
    void alertComparisons() {
        AlertRule payback = new AlertRule("p", Kpi.CAC_PAYBACK_MONTHS, ReviewFrequency.MONTHLY, Comparison.GT, new BigDecimal("24"));
        assertEquals(true, ScorecardService.holds(new BigDecimal("24.01"), payback));
        assertEquals(false, ScorecardService.holds(new BigDecimal("24"), payback));
        AlertRule nrr = new AlertRule("n", Kpi.NRR, ReviewFrequency.MONTHLY, Comparison.LT, new BigDecimal("1.0"));
        assertEquals(true, ScorecardService.holds(new BigDecimal("0.99"), nrr));
        assertEquals(false, ScorecardService.holds(new BigDecimal("1"), nrr));
    }

    private static org.openkpi.gateway.api.model.ScorecardEntry entry(Kpi kpi, String actual, Target target) {
        return ScorecardService.entry(kpi, new ScorecardService.Actual(new BigDecimal(actual), null),
                new ScorecardService.Actual(null, "none"), target);
    }

    private static UnitEconomicsService.Inputs inputs(String arpa, String margin, String churn, String cac, String netNew, String prevSpend) {
        UnitEconomicsService.Inputs in = new UnitEconomicsService.Inputs();
        in.currency = "USD";
        in.cacCurrency = cac == null ? null : "USD";
        in.arpa = new BigDecimal(arpa);
        in.grossMargin = new BigDecimal(margin);
        in.churn = churn == null ? BigDecimal.ZERO : new BigDecimal(churn);
        in.churnReason = churn == null ? "no churn observed" : null;
        in.cac = cac == null ? null : new BigDecimal(cac);
        in.cacDefined = cac != null;
        in.netNewMrr = new BigDecimal(netNew);
        in.previousSpend = prevSpend == null ? null : new BigDecimal(prevSpend);
        in.paying = true;
        in.marginDefined = true;
        return in;
    }
}
