package org.openkpi.retention.service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.api.error.ApiException;
import org.openkpi.retention.api.error.ErrorCode;
import org.openkpi.retention.api.model.CustomerActivity;
import org.openkpi.retention.api.model.CustomerMovement;
import org.openkpi.retention.api.model.CustomerRetention;
import org.openkpi.retention.api.model.DayCount;
import org.openkpi.retention.api.model.NpsResponse;
import org.openkpi.retention.api.model.Period;
import org.openkpi.retention.ledger.Contributions;
import org.openkpi.retention.ledger.LedgerRow;
import org.openkpi.retention.repository.ActivityRepository;
import org.openkpi.retention.repository.FactRepository;
import org.openkpi.retention.repository.FactRepository.Nps;
import org.openkpi.retention.repository.LedgerRepository;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.tenant.TenantId;

/** One customer's retention picture: ledger, churn and reactivation history, NPS, recent activity, onboarding. */
@ApplicationScoped
public class CustomerService {

    private final LedgerRepository ledger;
    private final FactRepository facts;
    private final ActivityRepository activity;
    private final SettingsRepository settings;

    public CustomerService(LedgerRepository ledger, FactRepository facts, ActivityRepository activity, SettingsRepository settings) {
        this.ledger = ledger;
        this.facts = facts;
        this.activity = activity;
        this.settings = settings;
    }

    /** The customer's picture; NOT_FOUND when the tenant has nothing about the customer. */
    public CustomerRetention customer(TenantId tenant, String customerId, LocalDate asOf) {
        if (!Fields.isLookupId(customerId)) {
            throw ApiException.validation("customerId", "1 to " + Fields.MAX_ID_LENGTH + " characters without control characters");
        }
        CustomerRetention found = find(tenant, customerId, asOf);
        if (found == null) {
            throw new ApiException(ErrorCode.NOT_FOUND, "no customer " + customerId, null, "customerId");
        }
        return found;
    }

    /** The customer's picture, or null when the tenant has nothing about the customer (the federated Customer field). */
    public CustomerRetention find(TenantId tenant, String customerId, LocalDate asOf) {
        if (!Fields.isLookupId(customerId)) {
            return null; // no such id can be stored
        }
        String currency = settings.find(tenant).currency();
        List<LedgerRow> rows = Contributions.sorted(ledger.ofCustomer(tenant, customerId));
        List<Nps> nps = facts.npsOfCustomer(tenant, customerId);
        Instant[] onboarding = facts.onboardingOf(tenant, customerId);
        LocalDate end = asOf.plusDays(1);
        LocalDate lastActive = activity.customerLastDay(tenant, customerId, end);
        if (rows.isEmpty() && nps.isEmpty() && onboarding[0] == null && onboarding[1] == null && lastActive == null
                && !facts.customerHasPurchases(tenant, customerId)) {
            return null;
        }
        LocalDate firstPayment = null;
        BigDecimal mrr = BigDecimal.ZERO;
        int churns = 0;
        int reactivations = 0;
        List<CustomerMovement> movements = new ArrayList<>();
        List<CustomerMovement> history = new ArrayList<>();
        for (LedgerRow r : rows) {
            CustomerMovement m = new CustomerMovement(r.day(), r.kind(), RetentionQueryService.money(r.fromMrr(), currency),
                    RetentionQueryService.money(r.toMrr(), currency));
            movements.add(m);
            if (r.starts() && firstPayment == null) {
                firstPayment = r.day();
            }
            if (r.day().isBefore(end)) {
                mrr = r.toMrr();
                if ("CHURN".equals(r.kind())) {
                    churns++;
                    history.add(m);
                } else if ("REACTIVATION".equals(r.kind())) {
                    reactivations++;
                    history.add(m);
                }
            }
        }
        LedgerRow attributes = rows.isEmpty() ? null : Contributions.latest(rows);
        List<NpsResponse> responses = nps.stream().map(n -> new NpsResponse(n.externalId(), n.respondent(), n.score(),
                n.score() >= 9 ? "PROMOTER" : n.score() >= 7 ? "PASSIVE" : "DETRACTOR", n.respondedAt(), n.comment())).toList();
        LocalDate from30 = end.minusDays(30);
        List<DayCount> days = activity.customerDays(tenant, customerId, from30, end).stream()
                .map(o -> new DayCount((LocalDate) o[0], (Long) o[1])).toList();
        CustomerActivity act = new CustomerActivity(lastActive, days.size(),
                activity.customerDistinctUsers(tenant, customerId, from30, end),
                activity.customerDistinctUsers(tenant, customerId, from30.minusDays(30), from30), days);
        BigDecimal daysToOnboard = daysToOnboard(onboarding[0], onboarding[1]);
        return new CustomerRetention(customerId, asOf, firstPayment,
                firstPayment == null ? null : new Period(firstPayment.withDayOfMonth(1), firstPayment.withDayOfMonth(1).plusMonths(1)),
                RetentionQueryService.money(mrr, currency), mrr.signum() > 0,
                attributes == null ? null : attributes.planCode(), attributes == null ? null : attributes.country(),
                attributes == null ? null : attributes.segment(), attributes == null ? null : attributes.channel(), churns,
                reactivations, history, movements, responses, responses.isEmpty() ? null : responses.get(0).score(), act,
                onboarding[0], onboarding[1], daysToOnboard);
    }

    /** Days (fractional, 4 decimals) from sign-up to activation; null unless both are known. */
    public static BigDecimal daysToOnboard(Instant signedUpAt, Instant activatedAt) {
        if (signedUpAt == null || activatedAt == null) {
            return null;
        }
        return Ratios.plain(BigDecimal.valueOf(java.time.Duration.between(signedUpAt, activatedAt).getSeconds())
                .divide(BigDecimal.valueOf(86400), 4, RoundingMode.HALF_UP));
    }
}
