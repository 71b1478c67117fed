package org.openkpi.gateway.service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.openkpi.gateway.api.error.ApiException;
import org.openkpi.gateway.api.error.ErrorCode;
import org.openkpi.gateway.api.model.AlertRule;
import org.openkpi.gateway.api.model.AlertRuleInput;
import org.openkpi.gateway.api.model.Kpi;
import org.openkpi.gateway.api.model.ReviewFrequency;
import org.openkpi.gateway.api.model.Target;
import org.openkpi.gateway.api.model.TargetInput;
import org.openkpi.gateway.repository.TargetRepository;
import org.openkpi.gateway.tenant.TenantContext;

/** Validates and stores a tenant's targets and alert rules; each batch is all-or-nothing. */
@ApplicationScoped
public class TargetService {

    public static final int MAX_BATCH = 500;
    private static final BigDecimal MAX_MAGNITUDE = BigDecimal.TEN.pow(13);
    private static final int MIN_YEAR = 1970;
    private static final int MAX_YEAR = 2199;

    private final TargetRepository repository;
    private final TenantContext tenant;

    public TargetService(TargetRepository repository, TenantContext tenant) {
        this.repository = repository;
        this.tenant = tenant;
    }

    @Transactional
    public List<Target> setTargets(List<TargetInput> inputs) {
        checkSize(inputs);
        List<Target> targets = new ArrayList<>(inputs.size());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            TargetInput in = inputs.get(i);
            LocalDate from = date(i, in.effectiveFrom());
            checkAmount(i, "value", in.value());
            if (!seen.add(in.kpi() + "/" + in.frequency() + "/" + from)) {
                throw new ApiException(ErrorCode.CONFLICT, "element " + i + ": a second target for " + in.kpi() + " "
                        + in.frequency() + " from " + from + " in the same batch", i, "effectiveFrom");
            }
            targets.add(new Target(in.kpi(), in.frequency(), from, Fractions.plain(in.value()), in.direction()));
        }
        repository.upsertTargets(tenant.tenantId(), targets);
        return targets;
    }

    @Transactional
    public boolean deleteTarget(Kpi kpi, ReviewFrequency frequency, String effectiveFrom) {
        return repository.deleteTarget(tenant.tenantId(), kpi, frequency, date(null, effectiveFrom));
    }

    public List<Target> targets() {
        return repository.targets(tenant.tenantId());
    }

    /** @return accepted (new), unchanged and replaced counts */
    @Transactional
    public int[] setAlertRules(List<AlertRuleInput> inputs) {
        checkSize(inputs);
        Map<String, AlertRule> byId = new HashMap<>();
        List<AlertRule> rules = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            AlertRuleInput in = inputs.get(i);
            checkExternalId(i, in.externalId());
            checkAmount(i, "threshold", in.threshold());
            AlertRule rule = new AlertRule(in.externalId(), in.kpi(), in.frequency(), in.comparison(), Fractions.plain(in.threshold()));
            AlertRule previous = byId.putIfAbsent(in.externalId(), rule);
            if (previous != null) {
                if (!previous.equals(rule)) {
                    throw new ApiException(ErrorCode.CONFLICT, "element " + i + ": externalId " + in.externalId()
                            + " appears twice with different content", i, "externalId");
                }
                continue;
            }
            rules.add(rule);
        }
        int[] counts = repository.upsertRules(tenant.tenantId(), rules);
        counts[1] += inputs.size() - rules.size();
        return counts;
    }

    @Transactional
    public boolean deleteAlertRule(String externalId) {
        checkExternalId(null, externalId);
        return repository.deleteRule(tenant.tenantId(), externalId);
    }

    public List<AlertRule> alertRules() {
        return repository.rules(tenant.tenantId());
    }

    /** An ISO date of the years 1970 to 2199; the input is echoed only when short. */
    private static LocalDate date(Integer index, String text) {
        LocalDate date;
        try {
            date = LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(index, "effectiveFrom", "not an ISO date (yyyy-mm-dd)" + (text.length() <= 40 ? ": " + text : ""));
        }
        if (date.getYear() < MIN_YEAR || date.getYear() > MAX_YEAR) {
            throw invalid(index, "effectiveFrom", "must be in the years " + MIN_YEAR + " to " + MAX_YEAR);
        }
        return date;
    }

    /** 1 to 200 characters, none of them a control character. */
    private static void checkExternalId(Integer index, String externalId) {
        if (externalId.isBlank() || externalId.length() > 200) {
            throw invalid(index, "externalId", "must be 1 to 200 characters");
        }
        if (externalId.chars().anyMatch(Character::isISOControl)) {
            throw invalid(index, "externalId", "must not contain control characters");
        }
    }

    private static void checkAmount(int index, String field, BigDecimal value) {
        if (value.abs().compareTo(MAX_MAGNITUDE) >= 0 || value.stripTrailingZeros().scale() > 6) {
            throw ApiException.validation(index, field, "must be less than 10^13 in magnitude with at most 6 decimals");
        }
    }

    private static ApiException invalid(Integer index, String field, String message) {
        return index == null ? ApiException.validation(field, message) : ApiException.validation(index, field, message);
    }

    private static void checkSize(List<?> inputs) {
        if (inputs.size() > MAX_BATCH) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "at most " + MAX_BATCH + " elements per call, got " + inputs.size());
        }
    }
}
