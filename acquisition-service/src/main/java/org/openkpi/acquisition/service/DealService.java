package org.openkpi.acquisition.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.api.error.ApiException;
import org.openkpi.acquisition.api.model.AcquisitionDimension;
import org.openkpi.acquisition.api.model.AcquisitionFilterInput;
import org.openkpi.acquisition.api.model.DateRangeInput;
import org.openkpi.acquisition.api.model.DealPoint;
import org.openkpi.acquisition.api.model.Granularity;
import org.openkpi.acquisition.api.model.LostReason;
import org.openkpi.acquisition.api.model.PipelineSnapshot;
import org.openkpi.acquisition.api.model.PipelineStage;
import org.openkpi.acquisition.api.model.PipelineStageValue;
import org.openkpi.acquisition.api.model.RepStanding;
import org.openkpi.acquisition.api.model.StageTime;
import org.openkpi.acquisition.api.model.StageTimeReport;
import org.openkpi.acquisition.repository.FactRepository;
import org.openkpi.acquisition.repository.QueryRepository;
import org.openkpi.acquisition.repository.QueryRepository.ClosedDeal;
import org.openkpi.acquisition.repository.QueryRepository.Filters;
import org.openkpi.acquisition.repository.QueryRepository.OpenDeal;
import org.openkpi.acquisition.repository.QueryRepository.StageExit;
import org.openkpi.acquisition.repository.Rows.StageRow;
import org.openkpi.acquisition.repository.SettingsRepository;
import org.openkpi.acquisition.tenant.TenantId;

/**
 * Deal KPIs: win rate, average deal size, sales cycle, time in stage, pipeline value and weighted forecast, lost
 * reasons and the rep leaderboard. They read the deals closed (or stages exited) in the range through indexes on
 * the close and exit days, so their cost is that of the deals of the range.
 */
@ApplicationScoped
public class DealService {

    static final Dims DEAL_DIMS = Dims.of(AcquisitionDimension.OWNER, "owner", AcquisitionDimension.CHANNEL, "channel",
            AcquisitionDimension.CAMPAIGN, "campaign");
    static final Dims STAGE_DIMS = Dims.of(AcquisitionDimension.OWNER, "owner", AcquisitionDimension.CHANNEL, "channel",
            AcquisitionDimension.CAMPAIGN, "campaign", AcquisitionDimension.STAGE, "stage");

    private final QueryRepository queries;
    private final FactRepository facts;
    private final SettingsRepository settings;

    public DealService(QueryRepository queries, FactRepository facts, SettingsRepository settings) {
        this.queries = queries;
        this.facts = facts;
        this.settings = settings;
    }

    public List<DealPoint> deals(TenantId tenant, DateRangeInput range, Granularity granularity, AcquisitionFilterInput filter,
            AcquisitionDimension groupBy) {
        Periods periods = Periods.of(range.from(), range.to(), granularity);
        String group = DEAL_DIMS.groupColumn(groupBy);
        Filters filters = DEAL_DIMS.filters(filter);
        MoneyFormat money = new MoneyFormat(settings.find(tenant).reportingCurrency());
        // metrics: 0 won, 1 lost, 2 amount won
        Grid grid = new Grid(periods, 3, group != null);
        Map<String, List<Double>> cycles = new HashMap<>();
        for (ClosedDeal d : queries.closedDeals(tenant, periods.from(), periods.to(), group, filters)) {
            if (d.won()) {
                grid.add(d.group(), d.closedDay(), 0, 1);
                grid.add(d.group(), d.closedDay(), 2, d.amount());
                cycles.computeIfAbsent((d.group() == null ? "" : d.group()) + "\u0000" + periods.indexOf(d.closedDay()),
                        k -> new ArrayList<>()).add(d.cycleDays());
            } else {
                grid.add(d.group(), d.closedDay(), 1, 1);
            }
        }
        List<DealPoint> out = new ArrayList<>();
        for (Grid.Cell c : grid.cells()) {
            long won = c.count(0);
            long lost = c.count(1);
            out.add(new DealPoint(FunnelService.period(periods, c.period()), Dims.label(c.group()), won, lost, money.of(c.sum(2)),
                    Ratios.of(won, won + lost, "no deals closed in the period"),
                    Ratios.of(Ratios.plain(c.sum(2)), BigDecimal.valueOf(won), money.scale(), "no deals won in the period"),
                    Stats.duration(cycles.getOrDefault((c.group() == null ? "" : c.group()) + "\u0000" + c.period(), List.of()), "DAYS")));
        }
        return out;
    }

    public StageTimeReport timeInStage(TenantId tenant, DateRangeInput range, AcquisitionFilterInput filter) {
        Periods periods = Periods.of(range.from(), range.to(), Granularity.YEAR);
        Filters filters = DEAL_DIMS.filters(filter == null ? null
                : new AcquisitionFilterInput(filter.channels(), filter.campaigns(), filter.owners(), null));
        STAGE_DIMS.filters(filter);
        Map<String, List<Double>> byStage = new HashMap<>();
        for (StageExit e : queries.stageExits(tenant, periods.from(), periods.to(), filters, Dims.stages(filter))) {
            byStage.computeIfAbsent(e.stage(), k -> new ArrayList<>()).add(e.days());
        }
        List<StageTime> stages = new ArrayList<>();
        String bottleneck = null;
        double worst = -1;
        for (StageRow s : orderedStages(tenant)) {
            List<Double> days = byStage.getOrDefault(s.code(), List.of());
            if (filter != null && filter.stages() != null && !filter.stages().contains(s.code())) {
                continue;
            }
            StageTime t = new StageTime(s.code(), s.name(), s.position(), days.size(), Stats.duration(days, "DAYS"));
            stages.add(t);
            if (t.duration().mean() != null && t.duration().mean() > worst) {
                worst = t.duration().mean();
                bottleneck = s.code();
            }
        }
        return new StageTimeReport(stages, bottleneck);
    }

    private List<StageRow> orderedStages(TenantId tenant) {
        return facts.stages(tenant).values().stream()
                .sorted(Comparator.comparingInt(StageRow::position).thenComparing(StageRow::code)).toList();
    }

    public List<PipelineStage> stages(TenantId tenant) {
        return orderedStages(tenant).stream().map(s -> new PipelineStage(s.code(), s.name(), s.position(), s.winProbability())).toList();
    }

    public PipelineSnapshot pipeline(TenantId tenant, Instant at, AcquisitionFilterInput filter) {
        if (at == null) {
            throw ApiException.validation("at", "is required");
        }
        if (filter != null && filter.stages() != null) {
            STAGE_DIMS.filters(filter);
        }
        Filters filters = DEAL_DIMS.filters(filter == null ? null
                : new AcquisitionFilterInput(filter.channels(), filter.campaigns(), filter.owners(), null));
        MoneyFormat money = new MoneyFormat(settings.find(tenant).reportingCurrency());
        Map<String, long[]> counts = new HashMap<>();
        Map<String, BigDecimal> values = new HashMap<>();
        for (OpenDeal d : queries.openDeals(tenant, at, filters)) {
            counts.computeIfAbsent(d.stage(), k -> new long[1])[0]++;
            values.merge(d.stage(), d.amount(), BigDecimal::add);
        }
        List<PipelineStageValue> out = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        BigDecimal weighted = BigDecimal.ZERO;
        for (StageRow s : orderedStages(tenant)) {
            if (filter != null && filter.stages() != null && !filter.stages().contains(s.code())) {
                continue;
            }
            BigDecimal v = values.getOrDefault(s.code(), BigDecimal.ZERO);
            BigDecimal w = v.multiply(s.winProbability());
            total = total.add(v);
            weighted = weighted.add(w);
            out.add(new PipelineStageValue(s.code(), s.name(), s.position(), s.winProbability(),
                    counts.getOrDefault(s.code(), new long[1])[0], money.of(v), money.of(w)));
        }
        return new PipelineSnapshot(at, out, money.of(total), money.of(weighted));
    }

    public List<LostReason> lostReasons(TenantId tenant, DateRangeInput range, AcquisitionFilterInput filter) {
        Periods periods = Periods.of(range.from(), range.to(), Granularity.YEAR);
        Filters filters = DEAL_DIMS.filters(filter);
        MoneyFormat money = new MoneyFormat(settings.find(tenant).reportingCurrency());
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> amounts = new HashMap<>();
        for (ClosedDeal d : queries.closedDeals(tenant, periods.from(), periods.to(), null, filters)) {
            if (!d.won()) {
                String reason = d.lostReason() == null ? Dims.NONE : d.lostReason();
                counts.computeIfAbsent(reason, k -> new long[1])[0]++;
                amounts.merge(reason, d.amount(), BigDecimal::add);
            }
        }
        return counts.entrySet().stream()
                .map(e -> new LostReason(e.getKey(), e.getValue()[0], money.of(amounts.get(e.getKey()))))
                .sorted(Comparator.comparingLong(LostReason::deals).reversed().thenComparing(LostReason::reason)).toList();
    }

    public List<RepStanding> leaderboard(TenantId tenant, DateRangeInput range, AcquisitionFilterInput filter) {
        Periods periods = Periods.of(range.from(), range.to(), Granularity.YEAR);
        Filters filters = DEAL_DIMS.filters(filter);
        MoneyFormat money = new MoneyFormat(settings.find(tenant).reportingCurrency());
        Map<String, long[]> wonLost = new LinkedHashMap<>();
        Map<String, BigDecimal> amounts = new HashMap<>();
        for (ClosedDeal d : queries.closedDeals(tenant, periods.from(), periods.to(), null, filters)) {
            long[] wl = wonLost.computeIfAbsent(d.owner(), k -> new long[2]);
            amounts.putIfAbsent(d.owner(), BigDecimal.ZERO);
            if (d.won()) {
                wl[0]++;
                amounts.merge(d.owner(), d.amount(), BigDecimal::add);
            } else {
                wl[1]++;
            }
        }
        List<String> owners = new ArrayList<>(wonLost.keySet());
        owners.sort(Comparator.comparing((String o) -> amounts.get(o)).reversed().thenComparing(o -> -wonLost.get(o)[0])
                .thenComparing(o -> o));
        List<RepStanding> out = new ArrayList<>();
        for (String o : owners) {
            long won = wonLost.get(o)[0];
            long lost = wonLost.get(o)[1];
            BigDecimal amount = amounts.get(o);
            out.add(new RepStanding(out.size() + 1, o, won, lost, money.of(amount), Ratios.of(won, won + lost, "no deals closed"),
                    Ratios.of(Ratios.plain(amount), BigDecimal.valueOf(won), money.scale(), "no deals won")));
        }
        return out;
    }
}
