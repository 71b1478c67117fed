package org.openkpi.retention.api;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.retention.api.error.ApiErrors;
import org.openkpi.retention.api.security.RequiresRole;
import org.openkpi.retention.api.security.Role;
import org.openkpi.retention.tenant.CurrentTenant;

@GraphQLApi
@ApiErrors
public class ServiceInfoApi {

    private final CurrentTenant tenant;
    private final String serviceName;

    public ServiceInfoApi(CurrentTenant tenant, @ConfigProperty(name = "quarkus.application.name") String serviceName) {
        this.tenant = tenant;
        this.serviceName = serviceName;
    }

    @Query("retentionServiceInfo")
    @Description("The answering service and the caller's tenant")
    @RequiresRole({ Role.VIEWER, Role.WRITER, Role.ADMIN })
    public @NonNull ServiceInfo retentionServiceInfo() {
        return new ServiceInfo(serviceName, tenant.get().value());
    }
}
