package org.openkpi.support.api;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.openkpi.support.api.model.AgentResolutionRate;
import org.openkpi.support.api.model.BacklogEntry;
import org.openkpi.support.api.model.Duration;
import org.openkpi.support.api.model.DurationPoint;
import org.openkpi.support.api.model.Period;
import org.openkpi.support.api.model.Ratio;
import org.openkpi.support.api.model.SupportPoint;
import org.openkpi.support.api.model.SupportRiskSignal;
import org.openkpi.support.api.model.SupportRiskSignalEdge;
import org.openkpi.support.api.model.TeamResolutionRate;
import org.openkpi.support.api.model.VolumePoint;

import graphql.TrivialDataFetcher;
import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;

/**
 * Read-path speed: the fields of the plain output records of the series queries are read by direct accessor calls.
 * <p>
 * SmallRye GraphQL puts its own data fetcher on every field of every output type; for each field of each point it
 * builds a request context (selected fields, arguments) and looks for an output transformation. A 36-month series
 * grouped by channel, or the 200-agent leaderboard, has hundreds of objects with up to a dozen fields each. The records
 * listed here have no field that needs SmallRye: no formatting annotation, no adapter, no {@code @Source} or batch
 * field, no operation; their scalars are passed to graphql-java as SmallRye would pass them (numbers, strings and
 * booleans untouched, a {@link LocalDate} as its ISO-8601 string, as SmallRye's default date transformer writes it).
 * <p>
 * Every field of a listed type must be listed (and nothing else): a record that gains, loses or renames a component
 * fails the first request (and so the tests) until this table follows. Explicit accessor references, no reflection:
 * native-safe. Installed by {@link GraphQLReadPath}. Not listed, so on SmallRye's fetchers: the federated
 * {@code Customer} entity and its {@code support} field, and the settings and ingestion types (small, rare).
 */
final class PlainFieldFetchers {

    private PlainFieldFetchers() {
    }

    static List<Fields<?>> plainTypes() {
        return List.of(
                new Fields<>("Period", Period.class)
                        .field("start", p -> date(p.start()))
                        .field("end", p -> date(p.end())),
                new Fields<>("Ratio", Ratio.class)
                        .field("value", Ratio::value)
                        .field("numerator", Ratio::numerator)
                        .field("denominator", Ratio::denominator)
                        .field("reason", Ratio::reason),
                new Fields<>("Duration", Duration.class)
                        .field("mean", Duration::mean)
                        .field("median", Duration::median)
                        .field("p90", Duration::p90)
                        .field("unit", Duration::unit),
                new Fields<>("DurationPoint", DurationPoint.class)
                        .field("period", DurationPoint::period)
                        .field("group", DurationPoint::group)
                        .field("tickets", DurationPoint::tickets)
                        .field("calendarHours", DurationPoint::calendarHours)
                        .field("businessHours", DurationPoint::businessHours),
                new Fields<>("SupportPoint", SupportPoint.class)
                        .field("period", SupportPoint::period)
                        .field("group", SupportPoint::group)
                        .field("ticketsCreated", SupportPoint::ticketsCreated)
                        .field("ticketsResolved", SupportPoint::ticketsResolved)
                        .field("csat", SupportPoint::csat)
                        .field("automationResolutionRate", SupportPoint::automationResolutionRate)
                        .field("oneTouchResolutionRate", SupportPoint::oneTouchResolutionRate)
                        .field("followUpsPerTicket", SupportPoint::followUpsPerTicket)
                        .field("slaBreachRate", SupportPoint::slaBreachRate)
                        .field("firstResponseBreachRate", SupportPoint::firstResponseBreachRate)
                        .field("resolutionBreachRate", SupportPoint::resolutionBreachRate),
                new Fields<>("AgentResolutionRate", AgentResolutionRate.class)
                        .field("agentId", AgentResolutionRate::agentId)
                        .field("name", AgentResolutionRate::name)
                        .field("teamId", AgentResolutionRate::teamId)
                        .field("resolved", AgentResolutionRate::resolved)
                        .field("workingDays", AgentResolutionRate::workingDays)
                        .field("resolvedPerWorkingDay", AgentResolutionRate::resolvedPerWorkingDay),
                new Fields<>("TeamResolutionRate", TeamResolutionRate.class)
                        .field("teamId", TeamResolutionRate::teamId)
                        .field("name", TeamResolutionRate::name)
                        .field("agents", TeamResolutionRate::agents)
                        .field("resolved", TeamResolutionRate::resolved)
                        .field("workingDays", TeamResolutionRate::workingDays)
                        .field("meanResolvedPerAgentPerWorkingDay", TeamResolutionRate::meanResolvedPerAgentPerWorkingDay),
                new Fields<>("BacklogEntry", BacklogEntry.class)
                        .field("group", BacklogEntry::group)
                        .field("openTickets", BacklogEntry::openTickets),
                new Fields<>("VolumePoint", VolumePoint.class)
                        .field("period", VolumePoint::period)
                        .field("tickets", VolumePoint::tickets),
                new Fields<>("SupportRiskSignalEdge", SupportRiskSignalEdge.class)
                        .field("cursor", SupportRiskSignalEdge::cursor)
                        .field("node", SupportRiskSignalEdge::node),
                new Fields<>("SupportRiskSignal", SupportRiskSignal.class)
                        .field("customerId", SupportRiskSignal::customerId)
                        .field("ticketsLast30", SupportRiskSignal::ticketsLast30)
                        .field("ticketsPrevious30", SupportRiskSignal::ticketsPrevious30)
                        .field("ticketVolumeRising", SupportRiskSignal::ticketVolumeRising)
                        .field("csatResponsesLast90", SupportRiskSignal::csatResponsesLast90)
                        .field("csatLast90", SupportRiskSignal::csatLast90)
                        .field("lowCsat", SupportRiskSignal::lowCsat)
                        .field("openTickets", SupportRiskSignal::openTickets));
    }

    /**
     * Registers the accessors of every listed type in {@code registry}; fails when a listed type does not match the
     * schema. Returns the number of fields registered.
     */
    static int install(GraphQLSchema schema, GraphQLCodeRegistry.Builder registry) {
        List<String> problems = new ArrayList<>();
        int count = 0;
        for (Fields<?> type : plainTypes()) {
            count += type.install(schema, registry, problems);
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("PlainFieldFetchers does not match the schema: " + String.join("; ", problems));
        }
        return count;
    }

    /** SmallRye's default output of a LocalDate scalar (DateTransformer without a format: ISO_LOCAL_DATE). */
    static String date(LocalDate day) {
        return day == null ? null : DateTimeFormatter.ISO_LOCAL_DATE.format(day);
    }

    /** The accessors of one GraphQL object type backed by one Java record. */
    static final class Fields<R> {
        final String typeName;
        final Class<R> javaType;
        final Map<String, Function<R, ?>> accessors = new LinkedHashMap<>();

        Fields(String typeName, Class<R> javaType) {
            this.typeName = typeName;
            this.javaType = javaType;
        }

        Fields<R> field(String name, Function<R, ?> accessor) {
            accessors.put(name, accessor);
            return this;
        }

        int install(GraphQLSchema schema, GraphQLCodeRegistry.Builder registry, List<String> problems) {
            if (!(schema.getType(typeName) instanceof GraphQLObjectType object)) {
                problems.add("no object type " + typeName);
                return 0;
            }
            TreeSet<String> inSchema = new TreeSet<>();
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                inSchema.add(field.getName());
            }
            if (!inSchema.equals(new TreeSet<>(accessors.keySet()))) {
                problems.add(typeName + " has fields " + inSchema + ", listed " + new TreeSet<>(accessors.keySet()));
                return 0;
            }
            accessors.forEach((name, accessor) -> registry.dataFetcher(FieldCoordinates.coordinates(typeName, name),
                    new Accessor<>(javaType, accessor)));
            return accessors.size();
        }
    }

    /** graphql-java's trivial fetcher contract: no instrumentation, no context, just the value. */
    record Accessor<R>(Class<R> javaType, Function<R, ?> accessor) implements DataFetcher<Object>, TrivialDataFetcher<Object> {
        @Override
        public Object get(DataFetchingEnvironment environment) {
            Object source = environment.getSource();
            return source == null ? null : accessor.apply(javaType.cast(source));
        }
    }
}
