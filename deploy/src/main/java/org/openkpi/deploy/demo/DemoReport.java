package org.openkpi.deploy.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.openkpi.deploy.demo.DemoFacts.Kind;

/** Plain-text tables of a demo company: its facts per kind and its monthly figures (deploy/DEMO.md shows one). */
public final class DemoReport {

    private DemoReport() {
    }

    public static String table(DemoFacts demo) {
        StringBuilder out = new StringBuilder();
        DemoSpec spec = demo.spec();
        out.append(String.format("Demo company: seed %d, %d customers, months %s..%s (facts up to %s)%n%n", spec.seed(),
                spec.customers(), spec.firstMonth(), spec.lastMonth(), spec.lastDay()));
        out.append("| fact kind | service | count |\n|---|---|---:|\n");
        for (Kind kind : Kind.values()) {
            out.append(String.format("| %s | %s | %,d |%n", kind.label, kind.service.name().toLowerCase(), demo.of(kind).size()));
        }
        out.append(String.format("| targets, alert rules | gateway | %d, %d |%n%n", demo.targets().size(), demo.alertRules().size()));
        out.append("| month | MRR end (USD) | paying | new | churned | reactivated | logo churn | NRR | trials | visitors | NPS | tickets | CSAT |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (DemoFigures.Month m : demo.figures().months()) {
            out.append(String.format("| %s | %,.2f | %d | %d | %d | %d | %s | %s | %d | %,d | %s | %d | %s |%n", m.month(),
                    m.mrrEnd(), m.payingEnd(), m.newCustomers(), m.churnedCustomers(), m.reactivatedCustomers(),
                    percent(m.logoChurnRate()), percent(m.nrr()), m.trials(), m.visitors(),
                    m.nps() == null ? "-" : m.nps().setScale(1, RoundingMode.HALF_UP).toPlainString(), m.ticketsCreated(),
                    percent(m.csat())));
        }
        out.append(String.format("%nScorecard month %s; alert rules that fire (of those predicted): %s%n",
                demo.figures().scoredMonth(), demo.figures().firingAlerts().isEmpty() ? "none" : String.join(", ",
                        demo.figures().firingAlerts())));
        return out.toString();
    }

    private static String percent(BigDecimal ratio) {
        return ratio == null ? "-" : ratio.movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString() + "%";
    }
}
