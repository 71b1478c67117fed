package org.openkpi.acquisition.api;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.openkpi.acquisition.api.security.RequiresRole;
import org.openkpi.acquisition.api.security.Role;
import org.openkpi.acquisition.tenant.CurrentTenant;

import io.quarkus.security.Authenticated;

@GraphQLApi
@Authenticated
public class ServiceInfoApi {

    @Inject
    CurrentTenant tenant;

    @ConfigProperty(name = "quarkus.application.name")
    String serviceName;

    @Query("acquisitionServiceInfo")
    @RequiresRole({ Role.VIEWER, Role.WRITER, Role.ADMIN })
    @Description("The answering service and the caller's tenant")
    public @NonNull ServiceInfo acquisitionServiceInfo() {
        return new ServiceInfo(serviceName, tenant.get().value());
    }
}
