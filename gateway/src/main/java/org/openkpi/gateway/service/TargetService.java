package org.openkpi.gateway.service;

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
            LocalDate from;
            try {
                from = LocalDate.parse(in.effectiveFrom());
            } catch (DateTimeParseException e) {
                throw ApiException.validation(i, "effectiveFrom", "not an ISO date (yyyy-mm-dd): " + in.effectiveFrom());
            }
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
        try {
            return repository.deleteTarget(tenant.tenantId(), kpi, frequency, LocalDate.parse(effectiveFrom));
        } catch (DateTimeParseException e) {
            throw ApiException.validation("effectiveFrom", "not an ISO date (yyyy-mm-dd): " + effectiveFrom);
        }
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
            if (in.externalId().isBlank() || in.externalId().length() > 200) {
                throw ApiException.validation(i, "externalId", "must be 1 to 200 characters");
            }
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
        return repository.deleteRule(tenant.tenantId(), externalId);
    }

    public List<AlertRule> alertRules() {
        return repository.rules(tenant.tenantId());
    }

    private static void checkSize(List<?> inputs) {
        if (inputs.size() > MAX_BATCH) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "at most " + MAX_BATCH + " elements per call, got " + inputs.size());
        }
    }
}
