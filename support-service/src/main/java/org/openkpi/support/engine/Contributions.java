package org.openkpi.support.engine;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What one ticket (with its open spans and CSAT responses) adds to the rollups. */
public final class Contributions {

    private Contributions() {
    }

    public static List<Contribution> of(TicketMetrics m, List<OpenInterval> intervals, List<CsatFact> csat, ZoneId zone) {
        List<Contribution> out = new ArrayList<>(24);
        out.add(new Contribution(Metric.CREATED, m.createdDay(), 1, 0, -1));
        duration(out, Metric.FRT_CAL, m.frtDay(), m.frtCal());
        duration(out, Metric.FRT_BH, m.frtDay(), m.frtBh());
        duration(out, Metric.FRES_CAL, m.firstResDay(), m.firstResCal());
        duration(out, Metric.FRES_BH, m.firstResDay(), m.firstResBh());
        duration(out, Metric.RES_CAL, m.resDay(), m.resCal());
        duration(out, Metric.RES_BH, m.resDay(), m.resBh());
        if (m.resolved()) {
            out.add(new Contribution(Metric.RESOLVED, m.resDay(), 1, 0, -1));
            if (TicketMetrics.BY_AUTOMATION.equals(m.resolvedBy())) {
                out.add(new Contribution(Metric.RESOLVED_AUTO, m.resDay(), 1, 0, -1));
            } else {
                out.add(new Contribution(Metric.RESOLVED_BY_AGENT, m.resDay(), 1, 0, -1));
            }
            if (m.agentReplies() < 2) {
                out.add(new Contribution(Metric.ONE_TOUCH, m.resDay(), 1, 0, -1));
            }
            out.add(new Contribution(Metric.AGENT_REPLIES, m.resDay(), 1, m.agentReplies(), -1));
            if (m.frtBreach() != null) {
                boolean f = m.frtBreach();
                boolean r = m.resBreach();
                out.add(new Contribution(Metric.SLA, m.resDay(), 1, f || r ? 1 : 0, -1));
                out.add(new Contribution(Metric.SLA_FRT, m.resDay(), 1, f ? 1 : 0, -1));
                out.add(new Contribution(Metric.SLA_RES, m.resDay(), 1, r ? 1 : 0, -1));
            }
        }
        for (CsatFact c : csat) {
            out.add(new Contribution(Metric.CSAT, c.respondedAt().atZone(zone).toLocalDate(), 1, c.satisfied() ? 1 : 0, -1));
        }
        for (OpenInterval i : intervals) {
            out.add(new Contribution(Metric.OPEN_DELTA, i.openedAt().atZone(zone).toLocalDate(), 0, 1, -1));
            if (i.closedAt() != null) {
                out.add(new Contribution(Metric.OPEN_DELTA, i.closedAt().atZone(zone).toLocalDate(), 0, -1, -1));
            }
        }
        return out;
    }

    private static void duration(List<Contribution> out, short metric, java.time.LocalDate day, Long seconds) {
        if (day != null && seconds != null) {
            out.add(new Contribution(metric, day, 1, seconds, Quantiser.quantise(seconds)));
        }
    }
}
