package org.openkpi.support.api;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.support.api.error.ApiErrors;
import org.openkpi.support.api.security.RequiresRole;
import org.openkpi.support.api.security.Role;
import org.openkpi.support.tenant.CurrentTenant;

@GraphQLApi
@ApiErrors
public class ServiceInfoApi {

    private final CurrentTenant tenant;
    private final String serviceName;

    public ServiceInfoApi(CurrentTenant tenant, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.tenant = tenant;
        this.serviceName = serviceName;
    }

    @Query("supportServiceInfo")
    @RequiresRole({ Role.VIEWER, Role.WRITER, Role.ADMIN })
    @Description("The answering service and the caller's tenant")
    public @NonNull ServiceInfo supportServiceInfo() {
        return new ServiceInfo(serviceName, tenant.get().value());
    }
}
