package org.openkpi.retention.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;
import org.openkpi.retention.api.error.ApiErrors;
import org.openkpi.retention.api.security.RequiresRole;
import org.openkpi.retention.api.security.Role;
import org.openkpi.retention.api.model.Customer;
import org.openkpi.retention.api.model.CustomerRetention;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.service.CustomerService;
import org.openkpi.retention.service.FeedAccess;
import org.openkpi.retention.service.FeedSync;
import org.openkpi.retention.tenant.CurrentTenant;
import org.openkpi.retention.tenant.TenantId;

import io.smallrye.graphql.api.federation.Resolver;
import io.smallrye.graphql.api.federation.link.Import;
import io.smallrye.graphql.api.federation.link.Link;

/**
 * The federated {@code Customer} entity: {@code _entities} resolves representations to bare customers (no query), and the
 * {@code retention} field reads the customer within the caller's tenant only, so another tenant's id resolves to a customer
 * whose retention is null.
 */
@Link(url = "https://specs.apollo.dev/federation/v2.7", _import = { @Import(name = "@key"), @Import(name = "@shareable") })
@GraphQLApi
@ApiErrors
public class CustomerApi {

    private final CustomerService customers;
    private final SettingsRepository settings;
    private final FeedSync sync;
    private final CurrentTenant tenant;
    private final FeedAccess feed;
    private final Clock clock;

    public CustomerApi(CustomerService customers, SettingsRepository settings, FeedSync sync, CurrentTenant tenant, FeedAccess feed, Clock clock) {
        this.customers = customers;
        this.settings = settings;
        this.sync = sync;
        this.tenant = tenant;
        this.feed = feed;
        this.clock = clock;
    }

    /**
     * Batch entity resolver ({@code quarkus.smallrye-graphql.federation.batch-resolving-enabled}): one call for all the
     * Customer representations of an {@code _entities} request, answered in their order. It reads nothing: every id becomes a
     * bare customer, and only the fields asked for read data, within the caller's tenant. (The parameter is a plain
     * {@code List<String>}: with {@code @Id} on it SmallRye 2.17 fails to convert the batched ids.)
     */
    @Resolver
    @RequiresRole({ Role.VIEWER })
    public @NonNull List<Customer> customers(@Name("id") List<String> id) {
        return id.stream().map(Customer::new).toList();
    }

    @Description("The customer's retention picture as of the end of asOf (default today in the tenant's zone), the same as"
            + " customerRetention; null when the caller's tenant has nothing about this customer.")
    @RequiresRole({ Role.VIEWER })
    public CustomerRetention retention(@Source Customer customer, @Name("asOf") LocalDate asOf) {
        TenantId t = tenant.get();
        sync.beforeRequest(t, feed);
        LocalDate day = asOf != null ? asOf : LocalDate.now(clock.withZone(ZoneId.of(settings.find(t).timeZone())));
        return customers.find(t, customer.id(), day);
    }
}
