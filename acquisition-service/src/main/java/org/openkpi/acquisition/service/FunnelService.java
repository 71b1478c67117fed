package org.openkpi.acquisition.service;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.api.model.AcquisitionDimension;
import org.openkpi.acquisition.api.model.AcquisitionFilterInput;
import org.openkpi.acquisition.api.model.DateRangeInput;
import org.openkpi.acquisition.api.model.EmailListPoint;
import org.openkpi.acquisition.api.model.FunnelPoint;
import org.openkpi.acquisition.api.model.Granularity;
import org.openkpi.acquisition.api.model.LeadPoint;
import org.openkpi.acquisition.api.model.Period;
import org.openkpi.acquisition.repository.QueryRepository;
import org.openkpi.acquisition.repository.QueryRepository.Filters;
import org.openkpi.acquisition.repository.QueryRepository.LeadFact;
import org.openkpi.acquisition.repository.SettingsRepository;
import org.openkpi.acquisition.repository.SettingsRow;
import org.openkpi.acquisition.tenant.TenantId;

/** The funnel (visitors, trials, paying customers), leads and email list series. */
@ApplicationScoped
public class FunnelService {

    static final Dims FUNNEL_DIMS = Dims.of(AcquisitionDimension.CHANNEL, "channel", AcquisitionDimension.CAMPAIGN, "campaign");
    static final Dims LEAD_DIMS = Dims.of(AcquisitionDimension.CHANNEL, "channel", AcquisitionDimension.CAMPAIGN, "campaign",
            AcquisitionDimension.OWNER, "owner");

    private final QueryRepository queries;
    private final SettingsRepository settings;
    private final Clock clock;

    public FunnelService(QueryRepository queries, SettingsRepository settings, Clock clock) {
        this.queries = queries;
        this.settings = settings;
        this.clock = clock;
    }

    static String unit(Granularity g) {
        return g.name().toLowerCase(Locale.ROOT);
    }

    static Period period(Periods periods, int i) {
        return new Period(periods.start(i), periods.end(i));
    }

    public List<FunnelPoint> funnel(TenantId tenant, DateRangeInput range, Granularity granularity, AcquisitionFilterInput filter,
            AcquisitionDimension groupBy) {
        Periods periods = Periods.of(range.from(), range.to(), granularity);
        String group = FUNNEL_DIMS.groupColumn(groupBy);
        Filters filters = FUNNEL_DIMS.filters(filter);
        SettingsRow s = settings.find(tenant);
        String unit = unit(granularity);
        Grid grid = new Grid(periods, 4, group != null);
        grid.addBuckets(queries.rollup(tenant, "visitor", List.of("visitors"), unit, periods.from(), periods.to(), group, filters), 0);
        grid.addBuckets(queries.rollup(tenant, "trial", List.of("trials", "converted"), unit, periods.from(), periods.to(), group,
                filters), 1);
        grid.addBuckets(queries.rollup(tenant, "new_customer", List.of("customers"), unit, periods.from(), periods.to(), group,
                filters), 3);
        LocalDate today = LocalDate.now(clock.withZone(s.zone()));
        List<FunnelPoint> out = new ArrayList<>();
        for (Grid.Cell c : grid.cells()) {
            long visitors = c.count(0);
            long trials = c.count(1);
            long converted = c.count(2);
            long customers = c.count(3);
            LocalDate lastTrialDay = periods.end(c.period()).minusDays(1);
            out.add(new FunnelPoint(period(periods, c.period()), Dims.label(c.group()), visitors, trials, converted, customers,
                    Ratios.of(trials, visitors, "no unique visitors in the period"),
                    Ratios.of(converted, trials, "no trials started in the period"),
                    Ratios.of(customers, trials, "no trials started in the period"),
                    s.conversionWindowDays(), lastTrialDay.plusDays(s.conversionWindowDays()).isBefore(today)));
        }
        return out;
    }

    public List<LeadPoint> leads(TenantId tenant, DateRangeInput range, Granularity granularity, AcquisitionFilterInput filter,
            AcquisitionDimension groupBy) {
        Periods periods = Periods.of(range.from(), range.to(), granularity);
        String group = LEAD_DIMS.groupColumn(groupBy);
        Filters filters = LEAD_DIMS.filters(filter);
        // metrics: 0 leads, 1 converted, 2 mqls, 3 mqls to sql, 4 followed up
        Grid grid = new Grid(periods, 5, group != null);
        Map<String, List<Double>> hours = new HashMap<>();
        for (LeadFact l : queries.leads(tenant, periods.from(), periods.to(), group, filters)) {
            int p = periods.indexOf(l.day());
            if (p >= 0) {
                grid.add(l.group(), l.day(), 0, 1);
                grid.add(l.group(), l.day(), 1, l.converted() ? 1 : 0);
                if (l.responseHours() != null) {
                    grid.add(l.group(), l.day(), 4, 1);
                    hours.computeIfAbsent(key(l.group(), p), k -> new ArrayList<>()).add(l.responseHours());
                }
            } else {
                grid.touch(l.group());
            }
            if (l.mqlDay() != null && periods.indexOf(l.mqlDay()) >= 0) {
                grid.add(l.group(), l.mqlDay(), 2, 1);
                grid.add(l.group(), l.mqlDay(), 3, l.sql() ? 1 : 0);
            }
        }
        List<LeadPoint> out = new ArrayList<>();
        for (Grid.Cell c : grid.cells()) {
            long leads = c.count(0);
            long mqls = c.count(2);
            out.add(new LeadPoint(period(periods, c.period()), Dims.label(c.group()), leads, c.count(1),
                    Ratios.of(c.count(1), leads, "no leads captured in the period"), mqls, c.count(3),
                    Ratios.of(c.count(3), mqls, "no leads became MQL in the period"), c.count(4),
                    Stats.duration(hours.getOrDefault(key(c.group(), c.period()), List.of()), "HOURS")));
        }
        return out;
    }

    private static String key(String group, int period) {
        return (group == null ? "" : group) + "\u0000" + period;
    }

    public List<EmailListPoint> emailListGrowth(TenantId tenant, DateRangeInput range, Granularity granularity) {
        Periods periods = Periods.of(range.from(), range.to(), granularity);
        Grid grid = new Grid(periods, 2, false);
        grid.addBuckets(queries.rollup(tenant, "email", List.of("subscribes", "unsubscribes"), unit(granularity), periods.from(),
                periods.to(), null, new Filters(Map.of())), 0);
        long size = queries.emailNetBefore(tenant, periods.from());
        List<EmailListPoint> out = new ArrayList<>();
        for (Grid.Cell c : grid.cells()) {
            long subs = c.count(0);
            long unsubs = c.count(1);
            long end = size + subs - unsubs;
            out.add(new EmailListPoint(period(periods, c.period()), size, subs, unsubs, end,
                    Ratios.of(subs - unsubs, size, "the list was empty at the start of the period")));
            size = end;
        }
        return out;
    }
}
