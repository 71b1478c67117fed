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
import org.openkpi.gateway.api.model.ChurnRisk;
import org.openkpi.gateway.service.ChurnRiskService;

@GraphQLApi
@Authenticated
@ApiErrors
public class ChurnRiskApi {

    private final ChurnRiskService service;

    public ChurnRiskApi(ChurnRiskService service) {
        this.service = service;
    }

    @Query("churnRisk")

    @RequiresRole({ Role.VIEWER })
    @Description("Paying customers ranked by churn-risk score (see ChurnSignalKind for the signals and weights), with the "
            + "contributing signals of each; asOf defaults to today in the tenant's zone")
    public @NonNull ChurnRisk churnRisk(@Name("asOf") LocalDate asOf,
            @Name("first") @DefaultValue("20") @Description("How many of the ranked customers to return (1-500)") int first) {
        return service.rank(asOf, first);
    }
}
