package org.openkpi.retention.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.api.error.ApiException;
import org.openkpi.retention.api.model.Duration;
import org.openkpi.retention.api.model.EngagementPoint;
import org.openkpi.retention.api.model.Granularity;
import org.openkpi.retention.api.model.NpsPoint;
import org.openkpi.retention.api.model.OnboardingPoint;
import org.openkpi.retention.api.model.Period;
import org.openkpi.retention.api.model.RepeatPurchasePoint;
import org.openkpi.retention.repository.ActivityRepository;
import org.openkpi.retention.repository.FactRepository;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.tenant.TenantId;

/**
 * Engagement (DAU, distinct active users, stickiness), NPS, time to onboard and repeat purchase rate per period.
 * DAU comes from activity_daily; distinct users of a calendar month from activity_monthly, of whole months (quarter,
 * year) from activity_month_user, of other periods (weeks, clipped periods) from activity_day_user.
 */
@ApplicationScoped
public class EngagementService {

    private final ActivityRepository activity;
    private final FactRepository facts;
    private final SettingsRepository settings;

    public EngagementService(ActivityRepository activity, FactRepository facts, SettingsRepository settings) {
        this.activity = activity;
        this.facts = facts;
        this.settings = settings;
    }

    private static Periods periods(LocalDate from, LocalDate to, Granularity g) {
        if (g == null) {
            throw ApiException.validation("granularity", "is required");
        }
        return Periods.of(from, to, g);
    }

    private String zone(TenantId tenant) {
        return settings.find(tenant).timeZone();
    }

    public List<EngagementPoint> engagement(TenantId tenant, LocalDate from, LocalDate to, Granularity granularity) {
        Periods p = periods(from, to, granularity);
        Map<LocalDate, Long> daily = activity.daily(tenant, p.from(), p.to());
        Map<LocalDate, Long> monthly = activity.monthly(tenant, p.from().withDayOfMonth(1), p.to().withDayOfMonth(1).plusMonths(1));
        List<EngagementPoint> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            LocalDate s = p.start(i);
            LocalDate e = p.end(i);
            long sum = 0;
            for (LocalDate d = s; d.isBefore(e); d = d.plusDays(1)) {
                sum += daily.getOrDefault(d, 0L);
            }
            long days = ChronoUnit.DAYS.between(s, e);
            long distinct;
            boolean wholeMonths = s.getDayOfMonth() == 1 && e.getDayOfMonth() == 1;
            if (days == 1) {
                distinct = daily.getOrDefault(s, 0L);
            } else if (wholeMonths && s.plusMonths(1).equals(e)) {
                distinct = monthly.getOrDefault(s, 0L);
            } else if (wholeMonths) {
                distinct = activity.distinctOverMonths(tenant, s, e);
            } else {
                distinct = activity.distinctOverDays(tenant, s, e);
            }
            BigDecimal mean = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(days), 4, RoundingMode.HALF_UP);
            out.add(new EngagementPoint(new Period(s, e), Ratios.plain(mean), distinct,
                    Ratios.of(BigDecimal.valueOf(sum), BigDecimal.valueOf(days * distinct), "no active users in the period")));
        }
        return out;
    }

    public List<NpsPoint> nps(TenantId tenant, LocalDate from, LocalDate to, Granularity granularity) {
        Periods p = periods(from, to, granularity);
        Map<Integer, long[]> counts = facts.npsCounts(tenant, zone(tenant), p.starts(), p.ends());
        List<NpsPoint> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            long[] c = counts.getOrDefault(i, new long[4]);
            BigDecimal nps = null;
            String reason = "no responses in the period";
            if (c[0] > 0) {
                nps = Ratios.plain(BigDecimal.valueOf((c[1] - c[3]) * 100).divide(BigDecimal.valueOf(c[0]), 2, RoundingMode.HALF_UP));
                reason = null;
            }
            out.add(new NpsPoint(new Period(p.start(i), p.end(i)), (int) c[0], (int) c[1], (int) c[2], (int) c[3], nps, reason));
        }
        return out;
    }

    public List<OnboardingPoint> onboarding(TenantId tenant, LocalDate from, LocalDate to, Granularity granularity) {
        Periods p = periods(from, to, granularity);
        Map<Integer, Object[]> rows = facts.onboarding(tenant, zone(tenant), p.starts(), p.ends());
        List<OnboardingPoint> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            Object[] r = rows.getOrDefault(i, new Object[] { 0L, 0L, null, null, null, 0L });
            long signedUp = (Long) r[0];
            long activated = (Long) r[1];
            out.add(new OnboardingPoint(new Period(p.start(i), p.end(i)), (int) signedUp, (int) activated, (int) (signedUp - activated),
                    new Duration(round((Double) r[2]), round((Double) r[3]), round((Double) r[4]), "DAYS"),
                    Ratios.of((Long) r[5], activated, "no activated customers among the sign-ups of the period")));
        }
        return out;
    }

    private static Double round(Double v) {
        return v == null ? null : BigDecimal.valueOf(v).setScale(4, RoundingMode.HALF_UP).doubleValue();
    }

    public List<RepeatPurchasePoint> repeatPurchases(TenantId tenant, LocalDate from, LocalDate to, Granularity granularity) {
        Periods p = periods(from, to, granularity);
        Map<Integer, long[]> rows = facts.purchases(tenant, zone(tenant), p.starts(), p.ends());
        List<RepeatPurchasePoint> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            long[] r = rows.getOrDefault(i, new long[3]);
            out.add(new RepeatPurchasePoint(new Period(p.start(i), p.end(i)), (int) r[0], (int) r[1], (int) r[2],
                    Ratios.of(r[2], r[1], "no purchases in the period")));
        }
        return out;
    }

    static ZoneId zoneId(String zone) {
        return ZoneId.of(zone);
    }
}
