package org.openkpi.acquisition.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Type;

import io.smallrye.graphql.api.federation.Shareable;

/** Which service answered and for which tenant. */
@Shareable
@Type("ServiceInfo")
@Description("Which service answered, and the tenant the caller's token belongs to")
public record ServiceInfo(
        @NonNull @Description("The service's application name") String service,
        @NonNull @Description("The caller's tenant, from the verified token") String tenant) {
}
