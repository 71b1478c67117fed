package org.openkpi.gateway.api;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.quarkus.security.Authenticated;

import org.openkpi.gateway.api.security.RequiresRole;
import org.openkpi.gateway.api.security.Role;
import org.openkpi.gateway.api.error.ApiErrors;
import org.openkpi.gateway.api.model.ReviewFrequency;
import org.openkpi.gateway.api.model.Scorecard;
import org.openkpi.gateway.service.ScorecardService;

@GraphQLApi
@Authenticated
@ApiErrors
public class ScorecardApi {

    private final ScorecardService service;

    public ScorecardApi(ScorecardService service) {
        this.service = service;
    }

    @Query("scorecard")

    @RequiresRole({ Role.VIEWER })
    @Description("Every KPI for the last complete week, month or quarter before asOf (default: today in the tenant's "
            + "zone, as revenue-service has it): actual, target, gap, trend against the preceding period, status, and the "
            + "alert rules of that frequency that fire")
    public @NonNull Scorecard scorecard(@Name("frequency") @DefaultValue("MONTHLY") ReviewFrequency frequency,
            @Name("asOf") LocalDate asOf) {
        return service.scorecard(frequency, asOf);
    }
}
