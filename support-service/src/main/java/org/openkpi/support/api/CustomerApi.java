package org.openkpi.support.api;

import java.util.List;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.openkpi.support.api.error.ApiErrors;
import org.openkpi.support.api.security.RequiresRole;
import org.openkpi.support.api.security.Role;
import org.openkpi.support.api.model.Customer;
import org.openkpi.support.api.model.CustomerSupport;
import org.openkpi.support.api.model.DateRangeInput;
import org.openkpi.support.api.model.Granularity;
import org.openkpi.support.service.SupportQueryService;
import org.openkpi.support.tenant.CurrentTenant;

import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;

/**
 * The federated {@code Customer} entity: {@code _entities} resolves representations to bare customers (no query), and the
 * {@code support} field reads the customer within the caller's tenant only, so another tenant's id resolves to a customer
 * whose support is null.
 */
@Link(url = "https://specs.apollo.dev/federation/v2.7", _import = { @Import(name = "@key"), @Import(name = "@shareable") })
@GraphQLApi
@ApiErrors
public class CustomerApi {

    private final SupportQueryService queries;
    private final CurrentTenant tenant;

    public CustomerApi(SupportQueryService queries, CurrentTenant tenant) {
        this.queries = queries;
        this.tenant = tenant;
    }

    /**
     * Batch entity resolver ({@code quarkus.smallrye-graphql.federation.batch-resolving-enabled}): one call for all the
     * Customer representations of an {@code _entities} request, answered in their order. It reads nothing: every id becomes a
     * bare customer, and only the fields asked for read data, within the caller's tenant. (The parameter is a plain
     * {@code List<String>}: with {@code @Id} on it SmallRye 2.17 fails to convert the batched ids.)
     */
    @Resolver
    @RequiresRole(Role.VIEWER)
    public @NonNull List<Customer> customers(@Name("id") List<String> id) {
        return id.stream().map(Customer::new).toList();
    }

    @Description("The customer's support picture, the same as customerSupport: tickets open now, tickets created per period"
            + " of the range, CSAT of the responses in the range. range defaults to the 12 calendar months ending today in the"
            + " tenant's zone: [first day of today's month - 11 months, today + 1 day), the current month up to today included."
            + " Null when the caller's tenant has no ticket of this customer.")
    @RequiresRole(Role.VIEWER)
    public CustomerSupport support(@Source Customer customer, @Name("range") DateRangeInput range,
            @DefaultValue("MONTH") @Name("granularity") Granularity granularity) {
        return queries.customerSupportIfKnown(tenant.get(), customer.id(), range, granularity);
    }
}
