package org.openkpi.revenue.api;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;
import org.openkpi.revenue.api.error.ApiErrors;
import org.openkpi.revenue.api.security.RequiresRole;
import org.openkpi.revenue.api.security.Role;
import org.openkpi.revenue.api.model.Customer;
import org.openkpi.revenue.api.model.CustomerMrrHistory;
import org.openkpi.revenue.service.CustomerEntities;
import org.openkpi.revenue.service.MrrQueryService;
import org.openkpi.revenue.tenant.CurrentTenant;

import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;

/**
 * The federated {@code Customer} entity: the supergraph's entry point {@code customer(id)}, the batch entity
 * resolver behind {@code _entities}, and this service's field on it. Everything stays within the token's tenant:
 * another tenant's id resolves to a Customer whose {@code revenue} is null.
 */
@GraphQLApi
@ApiErrors
@Link(url = "https://specs.apollo.dev/federation/v2.7", _import = { @Import(name = "@key"), @Import(name = "@shareable") })
public class CustomerApi {

    private final MrrQueryService mrr;
    private final CustomerEntities entities;
    private final CurrentTenant tenant;

    public CustomerApi(MrrQueryService mrr, CustomerEntities entities, CurrentTenant tenant) {
        this.mrr = mrr;
        this.entities = entities;
        this.tenant = tenant;
    }

    @RequiresRole({Role.VIEWER})
    @Query
    @Description("A customer by the tenant's external id, null when the tenant has no such customer. The supergraph's"
            + " entry point to everything the services know about one customer.")
    public Customer customer(@NonNull @Id @Name("id") String id) {
        if (!mrr.customerExists(tenant.get(), id)) {
            return null;
        }
        entities.register(tenant.get(), List.of(id));
        return new Customer(id);
    }

    /**
     * Batch entity resolver for {@code _entities}: one call for all representations, in their order. No query
     * here: every id becomes a Customer, whose fields load together when first asked for. (The parameter is a
     * plain {@code List<String>}: with {@code @Id} on it SmallRye 2.17 fails to convert the batched ids.)
     */
    @RequiresRole({Role.VIEWER})
    @Resolver
    public @NonNull List<Customer> customers(@Name("id") List<String> id) {
        entities.register(tenant.get(), id);
        return id.stream().map(Customer::new).toList();
    }

    @RequiresRole({Role.VIEWER})
    @Name("revenue")
    @Description("The customer's MRR history (as customerMrrHistory); null when this service has no such customer.")
    public CustomerMrrHistory revenue(@Source Customer customer,
            @Name("asOf") @Description("Day whose end gives mrr; default today in the tenant's zone") LocalDate asOf) {
        return entities.revenue(tenant.get(), customer.id(), asOf);
    }
}
