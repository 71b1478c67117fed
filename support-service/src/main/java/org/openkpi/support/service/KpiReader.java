package org.openkpi.support.service;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.api.model.SupportDimension;
import org.openkpi.support.engine.Contribution;
import org.openkpi.support.engine.Contributions;
import org.openkpi.support.engine.Dim;
import org.openkpi.support.engine.Metric;
import org.openkpi.support.repository.MetricsRepository;
import org.openkpi.support.repository.RollupRepository;
import org.openkpi.support.repository.RollupRepository.Row;
import org.openkpi.support.repository.SettingsRepository;
import org.openkpi.support.repository.TicketFilter;
import org.openkpi.support.tenant.TenantId;

/**
 * Fills an {@link Acc} for some metrics over some periods. Fast path (no filter, or a filter on one value
 * of one rolled-up dimension; no grouping or grouping by channel, priority, agent or team): rollup rows,
 * whole calendar months from the month grain and the remaining days from the day grain, so the cost is
 * O(periods x groups), independent of the number of tickets. Otherwise (several filter values or
 * dimensions, a customer filter or grouping): the filtered tickets' contributions are recomputed from
 * ticket_metrics, O(matching tickets), with the same arithmetic.
 */
@ApplicationScoped
public class KpiReader {

    private final RollupRepository rollups;
    private final MetricsRepository metrics;
    private final SettingsRepository settings;

    public KpiReader(RollupRepository rollups, MetricsRepository metrics, SettingsRepository settings) {
        this.rollups = rollups;
        this.metrics = metrics;
        this.settings = settings;
    }

    /**
     * @param monthsCompose whether every period is a union of whole calendar months except where the range clips it
     *        (MONTH, QUARTER, YEAR or a single whole-range period), so month rows may be used
     */
    Acc read(TenantId tenant, Periods periods, boolean monthsCompose, TicketFilter filter, SupportDimension groupBy,
            short[] countMetrics, short[] histMetrics) {
        Acc acc = new Acc();
        short dim;
        String value = null;
        if (groupBy == SupportDimension.CUSTOMER || !fastFilter(filter) || (groupBy != null && !isEmpty(filter))) {
            scan(tenant, periods, filter, groupBy, countMetrics, histMetrics, acc);
            return acc;
        }
        if (groupBy != null) {
            dim = dim(groupBy);
        } else if (isEmpty(filter)) {
            dim = Dim.ALL;
            value = "";
        } else {
            dim = filterDim(filter);
            value = filterValue(filter);
        }
        boolean grouped = groupBy != null;
        short[] all = new short[countMetrics.length + histMetrics.length];
        System.arraycopy(countMetrics, 0, all, 0, countMetrics.length);
        System.arraycopy(histMetrics, 0, all, countMetrics.length, histMetrics.length);
        boolean[] wantHist = new boolean[32];
        for (short m : histMetrics) {
            wantHist[m] = true;
        }
        for (Span s : spans(periods, monthsCompose)) {
            for (Row r : rollups.rows(tenant, dim, all, s.grain, value, s.from, s.to, histMetrics.length > 0)) {
                String group = grouped ? r.value() : Acc.TOTAL;
                int p = periods.indexOf(r.bucket());
                acc.count(group, p, r.metric(), r.n(), r.total());
                if (wantHist[r.metric()]) {
                    for (int i = 0; i < r.qkeys().length; i++) {
                        acc.hist(group, p, r.metric(), r.qkeys()[i], r.qcounts()[i]);
                    }
                }
            }
        }
        return acc;
    }

    /**
     * Per dimension value, the sum of a count metric's n over the whole range (summed in the database: one
     * row per value, for the leaderboard).
     */
    java.util.Map<String, Long> totalsByValue(TenantId tenant, LocalDate from, LocalDate to, short dim, short metric) {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        for (Span s : spans(Periods.single(from, to), true)) {
            rollups.sumN(tenant, dim, metric, s.grain, s.from, s.to).forEach((v, n) -> out.merge(v, n, Long::sum));
        }
        return out;
    }

    private record Span(String grain, LocalDate from, LocalDate to) {
    }

    private static List<Span> spans(Periods periods, boolean monthsCompose) {
        LocalDate from = periods.from();
        LocalDate to = periods.to();
        LocalDate firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate endMonth = to.withDayOfMonth(1);
        if (!monthsCompose || !firstMonth.isBefore(endMonth)) {
            return List.of(new Span("D", from, to));
        }
        java.util.ArrayList<Span> out = new java.util.ArrayList<>();
        if (from.isBefore(firstMonth)) {
            out.add(new Span("D", from, firstMonth));
        }
        out.add(new Span("M", firstMonth, endMonth));
        if (endMonth.isBefore(to)) {
            out.add(new Span("D", endMonth, to));
        }
        return out;
    }

    private void scan(TenantId tenant, Periods periods, TicketFilter filter, SupportDimension groupBy, short[] countMetrics,
            short[] histMetrics, Acc acc) {
        ZoneId zone = ZoneId.of(settings.zone(tenant));
        boolean[] wantCount = new boolean[32];
        boolean[] wantHist = new boolean[32];
        for (short m : countMetrics) {
            wantCount[m] = true;
        }
        for (short m : histMetrics) {
            wantHist[m] = true;
            wantCount[m] = true;
        }
        metrics.scan(tenant, filter, (m, extras) -> {
            String group = groupBy == null ? Acc.TOTAL
                    : groupBy == SupportDimension.CUSTOMER ? m.customerId() : Dim.valuesOf(m)[dim(groupBy)];
            for (Contribution c : Contributions.of(m, extras.intervals, extras.csat, zone)) {
                int p = periods.indexOf(c.day());
                if (p < 0) {
                    continue;
                }
                if (wantCount[c.metric()]) {
                    acc.count(group, p, c.metric(), c.n(), c.total());
                }
                if (wantHist[c.metric()] && Metric.isDuration(c.metric())) {
                    acc.hist(group, p, c.metric(), c.qkey(), 1);
                }
            }
        });
    }

    static short dim(SupportDimension d) {
        return switch (d) {
            case CHANNEL -> Dim.CHANNEL;
            case PRIORITY -> Dim.PRIORITY;
            case AGENT -> Dim.AGENT;
            case TEAM -> Dim.TEAM;
            case CUSTOMER -> throw new IllegalArgumentException("no rollup for customers");
        };
    }

    private static boolean isEmpty(TicketFilter f) {
        return size(f.channels()) + size(f.priorities()) + size(f.agentIds()) + size(f.teamIds()) + size(f.customerIds()) == 0;
    }

    /** No filter, or exactly one value of one rolled-up dimension. */
    private static boolean fastFilter(TicketFilter f) {
        if (isEmpty(f)) {
            return true;
        }
        return size(f.customerIds()) == 0 && size(f.channels()) + size(f.priorities()) + size(f.agentIds()) + size(f.teamIds()) == 1;
    }

    private static short filterDim(TicketFilter f) {
        return size(f.channels()) == 1 ? Dim.CHANNEL : size(f.priorities()) == 1 ? Dim.PRIORITY
                : size(f.agentIds()) == 1 ? Dim.AGENT : Dim.TEAM;
    }

    private static String filterValue(TicketFilter f) {
        return size(f.channels()) == 1 ? f.channels().get(0) : size(f.priorities()) == 1 ? f.priorities().get(0)
                : size(f.agentIds()) == 1 ? f.agentIds().get(0) : f.teamIds().get(0);
    }

    private static int size(List<String> l) {
        return l == null ? 0 : l.size();
    }
}
