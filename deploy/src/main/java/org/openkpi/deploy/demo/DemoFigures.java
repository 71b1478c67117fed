package org.openkpi.deploy.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;

/**
 * The figures the services must compute from the demo company's facts, worked out by the generator from the facts it
 * made (the definitions of the services' READMEs): one row per month of the 24, and the alert rules that fire in the
 * scorecard of the last complete month before the end date.
 *
 * @param months       the 24 months, oldest first
 * @param scoredMonth  the month {@code scorecard(asOf: endDate)} judges
 * @param firingAlerts the externalIds of the alert rules on LOGO_CHURN, MRR_GROWTH_RATE, NRR and CSAT that fire for
 *                     the scored month (the rules on other KPIs are not predicted here)
 */
public record DemoFigures(List<Month> months, YearMonth scoredMonth, List<String> firingAlerts) {

    /**
     * One month's figures.
     *
     * @param mrrStart          revenue: MRR just before the month (USD)
     * @param mrrEnd            revenue: MRR at the end of its last day (USD)
     * @param payingStart       revenue: paying customers at the start
     * @param payingEnd         revenue: paying customers at the end
     * @param newCustomers      revenue: customers with their first payment in the month
     * @param churnedCustomers  revenue: customers with a churn movement in the month
     * @param reactivatedCustomers revenue: customers with a reactivation movement in the month
     * @param retentionChurned  retention: customers paying at the start with a churn movement in the month
     * @param retainedMrr       retention: MRR at the end of the customers paying at the start (NRR numerator)
     * @param trials            acquisition: trials started in the month
     * @param visitors          acquisition: unique visitors (sum of the daily counts)
     * @param npsResponses      retention: NPS responses of the month
     * @param promoters         retention: scores 9-10
     * @param detractors        retention: scores 0-6
     * @param ticketsCreated    support: tickets created in the month (support's zone, Europe/Berlin)
     * @param csatResponses     support: CSAT responses answered in the month
     * @param csatSatisfied     support: of which rated 4 or 5
     */
    public record Month(YearMonth month, BigDecimal mrrStart, BigDecimal mrrEnd, int payingStart, int payingEnd,
            int newCustomers, int churnedCustomers, int reactivatedCustomers, int retentionChurned, BigDecimal retainedMrr,
            long trials, long visitors, int npsResponses, int promoters, int detractors, int ticketsCreated,
            int csatResponses, int csatSatisfied) {

        /** Retention's logo churn rate (10 decimals, as the services round ratios), null without paying customers. */
        public BigDecimal logoChurnRate() {
            return payingStart == 0 ? null
                    : BigDecimal.valueOf(retentionChurned).divide(BigDecimal.valueOf(payingStart), 10, RoundingMode.HALF_UP);
        }

        /** NRR: retained MRR / MRR at the start, null without MRR at the start. */
        public BigDecimal nrr() {
            return mrrStart.signum() == 0 ? null : retainedMrr.divide(mrrStart, 10, RoundingMode.HALF_UP);
        }

        /** MRR growth rate (end - start) / start, null without MRR at the start. */
        public BigDecimal growthRate() {
            return mrrStart.signum() == 0 ? null : mrrEnd.subtract(mrrStart).divide(mrrStart, 10, RoundingMode.HALF_UP);
        }

        /** CSAT: satisfied / responses, null without responses. */
        public BigDecimal csat() {
            return csatResponses == 0 ? null
                    : BigDecimal.valueOf(csatSatisfied).divide(BigDecimal.valueOf(csatResponses), 10, RoundingMode.HALF_UP);
        }

        /** NPS: (promoters - detractors) / responses x 100, null without responses. */
        public BigDecimal nps() {
            return npsResponses == 0 ? null
                    : BigDecimal.valueOf(100L * (promoters - detractors)).divide(BigDecimal.valueOf(npsResponses), 2,
                            RoundingMode.HALF_UP);
        }
    }

    public Month month(YearMonth month) {
        return months.stream().filter(m -> m.month().equals(month)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(month + " is not one of the demo's months"));
    }

    public Month last() {
        return months.get(months.size() - 1);
    }
}
