package org.openkpi.retention.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.api.error.ApiException;
import org.openkpi.retention.api.error.ErrorCode;
import org.openkpi.retention.api.model.PageInfo;
import org.openkpi.retention.api.model.RetentionRiskSignal;
import org.openkpi.retention.api.model.RetentionRiskSignalConnection;
import org.openkpi.retention.api.model.RetentionRiskSignalEdge;
import org.openkpi.retention.repository.RiskSignalRepository;
import org.openkpi.retention.repository.RiskSignalRepository.Row;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.tenant.TenantId;

/** Churn-risk signals for the gateway's ranking: the paying customers for which a retention signal fires, paged. */
@ApplicationScoped
public class RiskSignalService {

    public static final int MAX_PAGE = 5000;
    /** Activity falling: at least this many active days in the previous 30 days... */
    public static final int MIN_PREVIOUS_ACTIVE_DAYS = 4;
    /** NPS detractor: latest score at most this. */
    public static final int DETRACTOR_MAX_SCORE = 6;
    /** Slow onboarding: this many days or more. */
    public static final int SLOW_ONBOARDING_DAYS = 14;

    private final RiskSignalRepository repository;
    private final SettingsRepository settings;

    public RiskSignalService(RiskSignalRepository repository, SettingsRepository settings) {
        this.repository = repository;
        this.settings = settings;
    }

    public RetentionRiskSignalConnection signals(TenantId tenant, LocalDate asOf, int first, String after) {
        if (first > MAX_PAGE) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "first: at most " + MAX_PAGE, null, "first");
        }
        if (first < 1) {
            throw ApiException.validation("first", "must be at least 1");
        }
        String from = after == null ? "" : decode(after);
        ZoneId zone = ZoneId.of(settings.find(tenant).timeZone());
        Instant windowStart = asOf.minusDays(180).atStartOfDay(zone).toInstant();
        Instant slowCutoff = asOf.minusDays(SLOW_ONBOARDING_DAYS - 1).atStartOfDay(zone).toInstant();
        List<Row> rows = repository.page(tenant, asOf, zone, from, first + 1);
        List<RetentionRiskSignalEdge> edges = new ArrayList<>();
        for (Row r : rows.subList(0, Math.min(first, rows.size()))) {
            boolean falling = r.activeDaysPrevious30() >= MIN_PREVIOUS_ACTIVE_DAYS && r.activeDaysLast30() * 2 <= r.activeDaysPrevious30();
            boolean detractor = r.latestNpsScore() != null && r.latestNpsScore() <= DETRACTOR_MAX_SCORE;
            boolean slow = r.signedUpAt() != null && !r.signedUpAt().isBefore(windowStart)
                    && (r.activatedAt() != null
                            ? Duration.between(r.signedUpAt(), r.activatedAt()).compareTo(Duration.ofDays(SLOW_ONBOARDING_DAYS)) >= 0
                            : r.signedUpAt().isBefore(slowCutoff));
            edges.add(new RetentionRiskSignalEdge(encode(r.customerId()), new RetentionRiskSignal(r.customerId(), r.activeDaysLast30(),
                    r.activeDaysPrevious30(), falling, r.latestNpsScore(), detractor,
                    CustomerService.daysToOnboard(r.signedUpAt(), r.activatedAt()), slow)));
        }
        return new RetentionRiskSignalConnection(edges,
                new PageInfo(rows.size() > first, edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor()));
    }

    static String encode(String customerId) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("c:" + customerId).getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String cursor) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (s.startsWith("c:") && Fields.isPrintable(s) && s.length() <= Fields.MAX_ID_LENGTH + 2) {
                return s.substring(2);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ApiException.validation("after", "not a cursor of this query");
    }
}
