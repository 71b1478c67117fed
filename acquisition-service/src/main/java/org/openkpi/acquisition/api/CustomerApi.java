package org.openkpi.acquisition.api;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.openkpi.acquisition.api.error.ApiErrors;
import org.openkpi.acquisition.api.security.RequiresRole;
import org.openkpi.acquisition.api.security.Role;
import org.openkpi.acquisition.api.model.Customer;
import org.openkpi.acquisition.api.model.CustomerAcquisition;
import org.openkpi.acquisition.service.CustomerEntities;
import org.openkpi.acquisition.tenant.Caller;

import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;

/**
 * The federated {@code Customer} entity: the batch entity resolver behind {@code _entities} and this service's
 * field on it (revenue-service owns the root {@code customer(id)}). Everything stays within the token's tenant:
 * another tenant's id resolves to a Customer whose {@code acquisition} is null.
 */
@GraphQLApi
@ApiErrors
@Link(url = "https://specs.apollo.dev/federation/v2.7", _import = { @Import(name = "@key"), @Import(name = "@shareable") })
public class CustomerApi {

    private final CustomerEntities entities;
    private final Caller caller;

    public CustomerApi(CustomerEntities entities, Caller caller) {
        this.entities = entities;
        this.caller = caller;
    }

    /**
     * Batch entity resolver for {@code _entities}: one call for all representations, in their order. No query
     * here: every id becomes a Customer, whose field loads for all of them together when first asked for. (The
     * parameter is a plain {@code List<String>}: with {@code @Id} on it SmallRye 2.17 fails to convert the batched ids.)
     */
    @Resolver
    @RequiresRole(Role.VIEWER)
    public @NonNull List<Customer> customers(@Name("id") List<String> id) {
        entities.register(caller.tenant(), id);
        return id.stream().map(Customer::new).toList();
    }

    @Name("acquisition")
    @RequiresRole(Role.VIEWER)
    @Description("How the customer was acquired (as customerAcquisition); null when nothing is known about it here.")
    public CustomerAcquisition acquisition(@Source Customer customer) {
        return entities.acquisition(caller.tenantCaughtUp(), customer.id());
    }
}
