package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.federation.FieldSet;
import io.smallrye.graphql.api.federation.Key;

/**
 * The federated customer entity, keyed by the tenant's external customer id. It carries only the key: its
 * {@code support} field is resolved lazily, within the caller's tenant (see CustomerApi).
 */
@Key(fields = @FieldSet("id"))
@Description("A customer of the caller's tenant, keyed by the tenant's external customer id (federated entity; the other"
        + " services add their own fields).")
public record Customer(@NonNull @Id @Description("The tenant's external customer id") String id) {
}
