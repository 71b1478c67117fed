package org.openkpi.support.service;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.api.error.ApiException;
import org.openkpi.support.api.model.AgentResolutionRate;
import org.openkpi.support.api.model.BacklogEntry;
import org.openkpi.support.api.model.CustomerSupport;
import org.openkpi.support.api.model.DateRangeInput;
import org.openkpi.support.api.model.DurationPoint;
import org.openkpi.support.api.model.Granularity;
import org.openkpi.support.api.model.Period;
import org.openkpi.support.api.model.ResolutionKind;
import org.openkpi.support.api.model.SupportDimension;
import org.openkpi.support.api.model.SupportFilterInput;
import org.openkpi.support.api.model.SupportPoint;
import org.openkpi.support.api.model.TeamResolutionRate;
import org.openkpi.support.api.model.VolumePoint;
import org.openkpi.support.engine.BusinessHours;
import org.openkpi.support.engine.Dim;
import org.openkpi.support.engine.Metric;
import org.openkpi.support.repository.MetricsRepository;
import org.openkpi.support.repository.PeopleRepository;
import org.openkpi.support.repository.PeopleRepository.AgentRow;
import org.openkpi.support.repository.PeopleRepository.TeamRow;
import org.openkpi.support.repository.RollupRepository;
import org.openkpi.support.repository.TicketFilter;
import org.openkpi.support.tenant.TenantId;

/** The support KPIs of METRICS.md, read from the rollups (see {@link KpiReader}). */
@ApplicationScoped
public class SupportQueryService {

    private static final short[] NONE = {};
    private static final short[] SERIES_METRICS = {Metric.CREATED, Metric.RESOLVED, Metric.RESOLVED_AUTO, Metric.ONE_TOUCH,
            Metric.AGENT_REPLIES, Metric.CSAT, Metric.SLA, Metric.SLA_FRT, Metric.SLA_RES};

    private final KpiReader reader;
    private final TenantCalendar calendar;
    private final PeopleRepository people;
    private final RollupRepository rollups;
    private final MetricsRepository metrics;
    private final Clock clock;

    public SupportQueryService(KpiReader reader, TenantCalendar calendar, PeopleRepository people, RollupRepository rollups,
            MetricsRepository metrics, Clock clock) {
        this.clock = clock;
        this.reader = reader;
        this.calendar = calendar;
        this.people = people;
        this.rollups = rollups;
        this.metrics = metrics;
    }

    public List<DurationPoint> firstResponseTime(TenantId tenant, DateRangeInput range, Granularity g, SupportFilterInput filter,
            SupportDimension groupBy) {
        return durations(tenant, range, g, filter, groupBy, Metric.FRT_CAL, Metric.FRT_BH);
    }

    public List<DurationPoint> resolutionTime(TenantId tenant, DateRangeInput range, Granularity g, SupportFilterInput filter,
            SupportDimension groupBy, ResolutionKind kind) {
        return kind == ResolutionKind.FIRST
                ? durations(tenant, range, g, filter, groupBy, Metric.FRES_CAL, Metric.FRES_BH)
                : durations(tenant, range, g, filter, groupBy, Metric.RES_CAL, Metric.RES_BH);
    }

    private List<DurationPoint> durations(TenantId tenant, DateRangeInput range, Granularity g, SupportFilterInput filter,
            SupportDimension groupBy, short cal, short bh) {
        Periods periods = periods(range, g);
        Acc acc = reader.read(tenant, periods, composesMonths(g), filter(filter), groupBy, NONE, new short[] {cal, bh});
        List<DurationPoint> out = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            for (String group : groups(acc, groupBy)) {
                out.add(new DurationPoint(period(periods, p), label(group), (int) acc.n(group, p, cal),
                        DurationStats.of(acc.n(group, p, cal), acc.total(group, p, cal), acc.histogram(group, p, cal), "HOURS"),
                        DurationStats.of(acc.n(group, p, bh), acc.total(group, p, bh), acc.histogram(group, p, bh),
                                "BUSINESS_HOURS")));
            }
        }
        return out;
    }

    public List<SupportPoint> supportSeries(TenantId tenant, DateRangeInput range, Granularity g, SupportFilterInput filter,
            SupportDimension groupBy) {
        Periods periods = periods(range, g);
        Acc acc = reader.read(tenant, periods, composesMonths(g), filter(filter), groupBy, SERIES_METRICS, NONE);
        List<SupportPoint> out = new ArrayList<>();
        for (int p = 0; p < periods.size(); p++) {
            for (String group : groups(acc, groupBy)) {
                long resolved = acc.n(group, p, Metric.RESOLVED);
                long slaN = acc.n(group, p, Metric.SLA);
                String noResolved = "no tickets resolved in the period";
                String noTargets = "no tickets with SLA targets resolved in the period";
                out.add(new SupportPoint(period(periods, p), label(group), (int) acc.n(group, p, Metric.CREATED), (int) resolved,
                        Ratios.of(acc.total(group, p, Metric.CSAT), acc.n(group, p, Metric.CSAT), "no CSAT responses in the period"),
                        Ratios.of(acc.n(group, p, Metric.RESOLVED_AUTO), resolved, noResolved),
                        Ratios.of(acc.n(group, p, Metric.ONE_TOUCH), resolved, noResolved),
                        Ratios.of(acc.total(group, p, Metric.AGENT_REPLIES), resolved, noResolved),
                        Ratios.of(acc.total(group, p, Metric.SLA), slaN, noTargets),
                        Ratios.of(acc.total(group, p, Metric.SLA_FRT), slaN, noTargets),
                        Ratios.of(acc.total(group, p, Metric.SLA_RES), slaN, noTargets)));
            }
        }
        return out;
    }

    /** Tickets resolved per agent per working day, every recorded agent, most resolved first (then by id). */
    public List<AgentResolutionRate> agentResolutionRates(TenantId tenant, DateRangeInput range, String teamId) {
        Periods whole = Periods.single(range == null ? null : range.from(), range == null ? null : range.to());
        Map<String, Long> resolved = resolvedByAgent(tenant, whole);
        int workingDays = workingDays(calendar.hours(tenant), whole.from(), whole.to());
        List<AgentResolutionRate> out = new ArrayList<>();
        for (AgentRow a : people.agents(tenant).values()) {
            if (teamId != null && !teamId.equals(a.teamId())) {
                continue;
            }
            long n = resolved.getOrDefault(a.id(), 0L);
            out.add(new AgentResolutionRate(a.id(), a.name(), a.teamId(), (int) n, workingDays,
                    Ratios.of(n, workingDays, "no working days in the range")));
        }
        out.sort((x, y) -> x.resolved() != y.resolved() ? Integer.compare(y.resolved(), x.resolved()) : x.agentId().compareTo(y.agentId()));
        return out;
    }

    /** The team mean of tickets resolved per agent per working day, per recorded team. */
    public List<TeamResolutionRate> teamResolutionRates(TenantId tenant, DateRangeInput range) {
        Periods whole = Periods.single(range == null ? null : range.from(), range == null ? null : range.to());
        Map<String, Long> resolved = resolvedByAgent(tenant, whole);
        int workingDays = workingDays(calendar.hours(tenant), whole.from(), whole.to());
        Map<String, AgentRow> agents = people.agents(tenant);
        List<TeamResolutionRate> out = new ArrayList<>();
        for (TeamRow t : people.teams(tenant).values()) {
            int members = 0;
            long n = 0;
            for (AgentRow a : agents.values()) {
                if (t.id().equals(a.teamId())) {
                    members++;
                    n += resolved.getOrDefault(a.id(), 0L);
                }
            }
            out.add(new TeamResolutionRate(t.id(), t.name(), members, (int) n, workingDays,
                    Ratios.of(n, (long) members * workingDays, members == 0 ? "the team has no agents" : "no working days in the range")));
        }
        return out;
    }

    private Map<String, Long> resolvedByAgent(TenantId tenant, Periods whole) {
        return reader.totalsByValue(tenant, whole.from(), whole.to(), Dim.AGENT, Metric.RESOLVED_BY_AGENT);
    }

    static int workingDays(BusinessHours hours, LocalDate from, LocalDate to) {
        int n = 0;
        for (LocalDate d = from; d.isBefore(to); d = d.plusDays(1)) {
            if (hours.isWorkingDay(d)) {
                n++;
            }
        }
        return n;
    }

    /** Open tickets at an instant, in total and (with groupBy) per group. */
    public List<BacklogEntry> backlog(TenantId tenant, String at, SupportDimension groupBy) {
        Instant instant = Fields.instant(-1, "at", at);
        if (groupBy == SupportDimension.CUSTOMER) {
            throw ApiException.validation("groupBy", "backlog is not grouped by customer: use customerSupport(customerId)");
        }
        BusinessHours hours = calendar.hours(tenant);
        LocalDate day = instant.atZone(hours.zone()).toLocalDate();
        Instant dayStart = day.atStartOfDay(hours.zone()).toInstant();
        short dim = groupBy == null ? Dim.ALL : KpiReader.dim(groupBy);
        String column = groupBy == null ? null : switch (groupBy) {
            case CHANNEL -> "channel";
            case PRIORITY -> "priority";
            case AGENT -> "agent_id";
            case TEAM -> "team_id";
            case CUSTOMER -> throw new IllegalStateException();
        };
        Map<String, Long> open = new TreeMap<>(rollups.sumBefore(tenant, dim, Metric.OPEN_DELTA, day));
        metrics.spanEdges(tenant, "opened_at", column, dayStart, instant).forEach((g, n) -> open.merge(g, n, Long::sum));
        metrics.spanEdges(tenant, "closed_at", column, dayStart, instant).forEach((g, n) -> open.merge(g, -n, Long::sum));
        List<BacklogEntry> out = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, Long> e : open.entrySet()) {
            total += e.getValue();
            if (groupBy != null && e.getValue() != 0) {
                out.add(new BacklogEntry(e.getKey(), (int) (long) e.getValue()));
            }
        }
        out.add(0, new BacklogEntry(null, (int) total));
        return out;
    }

    /**
     * The federated Customer's support field: as {@link #customerSupport}, the range defaulting to the 12 calendar months
     * ending today in the tenant's zone ([first day of today's month - 11 months, today + 1 day): the current month up to
     * today included); null when the tenant has no ticket of the customer.
     */
    public CustomerSupport customerSupportIfKnown(TenantId tenant, String customerId, DateRangeInput range, Granularity g) {
        Fields.queryValue("id", customerId);
        if (!metrics.customerKnown(tenant, customerId)) {
            return null;
        }
        DateRangeInput r = range;
        if (r == null) {
            LocalDate today = LocalDate.now(clock.withZone(calendar.hours(tenant).zone()));
            r = new DateRangeInput(today.withDayOfMonth(1).minusMonths(11), today.plusDays(1));
        }
        return customerSupport(tenant, customerId, r, g == null ? Granularity.MONTH : g);
    }

    /** One customer's open tickets now, ticket volume per period and CSAT in the range. */
    public CustomerSupport customerSupport(TenantId tenant, String customerId, DateRangeInput range, Granularity g) {
        if (customerId == null || customerId.isBlank()) {
            throw ApiException.validation("customerId", "is required");
        }
        Fields.queryValue("customerId", customerId);
        Periods periods = periods(range, g);
        TicketFilter filter = new TicketFilter(List.of(), List.of(), List.of(), List.of(), List.of(customerId));
        Acc acc = reader.read(tenant, periods, composesMonths(g), filter, null, new short[] {Metric.CREATED, Metric.CSAT}, NONE);
        List<VolumePoint> volume = new ArrayList<>();
        long csatN = 0;
        long csatOk = 0;
        for (int p = 0; p < periods.size(); p++) {
            volume.add(new VolumePoint(period(periods, p), (int) acc.n(Acc.TOTAL, p, Metric.CREATED)));
            csatN += acc.n(Acc.TOTAL, p, Metric.CSAT);
            csatOk += acc.total(Acc.TOTAL, p, Metric.CSAT);
        }
        return new CustomerSupport(customerId, (int) metrics.openTickets(tenant, customerId), volume,
                Ratios.of(csatOk, csatN, "no CSAT responses in the range"));
    }

    private static Periods periods(DateRangeInput range, Granularity g) {
        if (range == null || g == null) {
            throw ApiException.validation("range", "range and granularity are required");
        }
        return Periods.of(range.from(), range.to(), g);
    }

    private static boolean composesMonths(Granularity g) {
        return g == Granularity.MONTH || g == Granularity.QUARTER || g == Granularity.YEAR;
    }

    private static List<String> groups(Acc acc, SupportDimension groupBy) {
        if (groupBy == null) {
            return List.of(Acc.TOTAL);
        }
        return new ArrayList<>(acc.groups());
    }

    private static String label(String group) {
        return Acc.TOTAL.equals(group) ? null : group;
    }

    private static Period period(Periods periods, int i) {
        return new Period(periods.start(i), periods.end(i));
    }

    static TicketFilter filter(SupportFilterInput f) {
        if (f == null) {
            return TicketFilter.NONE;
        }
        return new TicketFilter(clean(Fields.queryValues("filter.channels", f.channels())),
                clean(Fields.queryValues("filter.priorities", f.priorities())), clean(Fields.queryValues("filter.agentIds", f.agentIds())),
                clean(Fields.queryValues("filter.teamIds", f.teamIds())), clean(Fields.queryValues("filter.customerIds", f.customerIds())));
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
    }
}
