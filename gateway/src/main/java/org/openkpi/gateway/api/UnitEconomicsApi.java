package org.openkpi.gateway.api;

import java.util.List;

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
import org.openkpi.gateway.api.model.DateRangeInput;
import org.openkpi.gateway.api.model.Granularity;
import org.openkpi.gateway.api.model.UnitEconomicsFilterInput;
import org.openkpi.gateway.api.model.UnitEconomicsPoint;
import org.openkpi.gateway.service.UnitEconomicsService;

@GraphQLApi
@Authenticated
@ApiErrors
public class UnitEconomicsApi {

    private final UnitEconomicsService service;

    public UnitEconomicsApi(UnitEconomicsService service) {
        this.service = service;
    }

    @Query("unitEconomics")

    @RequiresRole({ Role.VIEWER })
    @Description("LTV, LTV:CAC, CAC payback months and magic number per period, with the inputs they came from "
            + "(METRICS.md, Cross-domain). A service that does not answer leaves its KPIs null with a reason and adds "
            + "an UPSTREAM_UNAVAILABLE error naming it; the other figures are still returned.")
    public @NonNull List<@NonNull UnitEconomicsPoint> unitEconomics(@NonNull @Name("range") DateRangeInput range,
            @NonNull @Name("granularity") Granularity granularity,
            @Name("churnWindowMonths") @DefaultValue("6") @Description("Complete months before each period's end over which the monthly logo churn is averaged (1-36)") int churnWindowMonths,
            @Name("filter") UnitEconomicsFilterInput filter) {
        return service.series(range, granularity, churnWindowMonths, filter);
    }
}
