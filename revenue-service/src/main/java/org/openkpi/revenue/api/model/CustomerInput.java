package org.openkpi.revenue.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

@Input("CustomerInput")
@Description("A customer of the tenant. country is ISO 3166-1 alpha-2; channel is the acquisition channel if known.")
public record CustomerInput(@NonNull String externalId, String name, String country, String segment, String channel) {
}
