package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;

/**
 * The federated customer entity: only its key here; this service's field on it ({@code acquisition}) is resolved
 * lazily by {@code CustomerApi}, so an entity costs nothing until that field is asked for.
 */
@Key(fields = @FieldSet("id"))
@Description("A customer of the caller's tenant, keyed by the tenant's external customer id (federated entity; the other"
        + " services add their own fields).")
public record Customer(@NonNull @Id @Description("The tenant's external customer id") String id) {
}
