package org.openkpi.retention.api;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.retention.tenant.TenantContext;

import io.quarkus.security.Authenticated;

@GraphQLApi
@Authenticated
public class ServiceInfoApi {

    @Inject
    TenantContext tenant;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    @Query("serviceInfo")
    @Description("The answering service and the caller's tenant")
    public @NonNull ServiceInfo serviceInfo() {
        return new ServiceInfo(serviceName, tenant.tenantId());
    }
}
