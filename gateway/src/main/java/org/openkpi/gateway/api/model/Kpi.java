package org.openkpi.gateway.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("The KPIs a tenant can set targets and alert rules on; each is computed as METRICS.md defines it by the "
        + "service named in brackets (gateway: cross-domain). Ratios are decimals (0.05 = 5%).")
public enum Kpi {
    @Description("MRR at the end of the period (revenue)") MRR(true),
    @Description("ARR = 12 x MRR at the end of the period (revenue)") ARR(true),
    @Description("Net new MRR of the period (revenue)") NET_NEW_MRR(true),
    @Description("MRR growth rate of the period (revenue)") MRR_GROWTH_RATE(true),
    @Description("ARPA at the end of the period (revenue)") ARPA(true),
    @Description("Gross margin of the period (revenue)") GROSS_MARGIN(true),
    @Description("Logo churn rate of the period (retention)") LOGO_CHURN(false),
    @Description("Gross MRR churn rate of the period (retention)") GROSS_MRR_CHURN(false),
    @Description("Net revenue retention of the period (retention)") NRR(true),
    @Description("Gross revenue retention of the period (retention)") GRR(true),
    @Description("NPS of the responses in the period, -100..100 (retention)") NPS(true),
    @Description("Blended CAC of the period (acquisition)") CAC(false),
    @Description("LTV (gateway)") LTV(true),
    @Description("LTV:CAC (gateway)") LTV_TO_CAC(true),
    @Description("CAC payback in months (gateway)") CAC_PAYBACK_MONTHS(false),
    @Description("Magic number (gateway)") MAGIC_NUMBER(true),
    @Description("CSAT of the period (support)") CSAT(true),
    @Description("Median first response time in business hours (support)") FIRST_RESPONSE_BUSINESS_HOURS(false),
    @Description("Median full resolution time in business hours (support)") RESOLUTION_BUSINESS_HOURS(false);

    private final boolean higherIsBetter;

    Kpi(boolean higherIsBetter) {
        this.higherIsBetter = higherIsBetter;
    }

    public boolean higherIsBetter() {
        return higherIsBetter;
    }
}
