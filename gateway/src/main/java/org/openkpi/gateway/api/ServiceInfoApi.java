package org.openkpi.gateway.api;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.gateway.api.security.RequiresRole;
import org.openkpi.gateway.api.security.Role;
import org.openkpi.gateway.tenant.TenantContext;

import io.quarkus.security.Authenticated;

@GraphQLApi
@Authenticated
public class ServiceInfoApi {

    @Inject
    TenantContext tenant;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    @Query("serviceInfo")

    @RequiresRole({ Role.VIEWER, Role.WRITER, Role.ADMIN })
    @Description("The answering service and the caller's tenant")
    public @NonNull ServiceInfo serviceInfo() {
        return new ServiceInfo(serviceName, tenant.tenantId());
    }
}
