package org.openkpi.gateway.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.quarkus.security.Authenticated;

import org.openkpi.gateway.api.security.RequiresRole;
import org.openkpi.gateway.api.security.Role;
import org.openkpi.gateway.api.error.ApiErrors;
import org.openkpi.gateway.api.model.AlertRule;
import org.openkpi.gateway.api.model.AlertRuleInput;
import org.openkpi.gateway.api.model.IngestResult;
import org.openkpi.gateway.api.model.Kpi;
import org.openkpi.gateway.api.model.ReviewFrequency;
import org.openkpi.gateway.api.model.Target;
import org.openkpi.gateway.api.model.TargetInput;
import org.openkpi.gateway.service.TargetService;

@GraphQLApi
@Authenticated
@ApiErrors
public class TargetsApi {

    private final TargetService service;

    public TargetsApi(TargetService service) {
        this.service = service;
    }

    @Query("targets")

    @RequiresRole({ Role.VIEWER })
    @Description("The tenant's targets, by KPI, frequency and effectiveFrom")
    public @NonNull List<@NonNull Target> targets() {
        return service.targets();
    }

    @Query("alertRules")

    @RequiresRole({ Role.VIEWER })
    @Description("The tenant's alert rules, by externalId")
    public @NonNull List<@NonNull AlertRule> alertRules() {
        return service.alertRules();
    }

    @Mutation("setTargets")

    @RequiresRole({ Role.ADMIN })
    @Description("Creates or replaces targets keyed by (kpi, frequency, effectiveFrom); all-or-nothing, at most 500")
    public @NonNull List<@NonNull Target> setTargets(@NonNull @Name("targets") List<@NonNull TargetInput> targets) {
        return service.setTargets(targets);
    }

    @Mutation("deleteTarget")

    @RequiresRole({ Role.ADMIN })
    @Description("Deletes one target; false when there was none")
    public boolean deleteTarget(@NonNull @Name("kpi") Kpi kpi, @NonNull @Name("frequency") ReviewFrequency frequency,
            @NonNull @Name("effectiveFrom") String effectiveFrom) {
        return service.deleteTarget(kpi, frequency, effectiveFrom);
    }

    @Mutation("setAlertRules")

    @RequiresRole({ Role.ADMIN })
    @Description("Creates or replaces alert rules by externalId; all-or-nothing, idempotent, at most 500")
    public @NonNull IngestResult setAlertRules(@NonNull @Name("rules") List<@NonNull AlertRuleInput> rules) {
        int[] counts = service.setAlertRules(rules);
        return new IngestResult(counts[0], counts[1], counts[2]);
    }

    @Mutation("deleteAlertRule")

    @RequiresRole({ Role.ADMIN })
    @Description("Deletes one alert rule; false when there was none")
    public boolean deleteAlertRule(@NonNull @Name("externalId") String externalId) {
        return service.deleteAlertRule(externalId);
    }
}
