package org.openkpi.acquisition.api;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

import org.openkpi.acquisition.api.model.CampaignResult;
import org.openkpi.acquisition.api.model.CostPoint;
import org.openkpi.acquisition.api.model.DealPoint;
import org.openkpi.acquisition.api.model.Duration;
import org.openkpi.acquisition.api.model.EmailListPoint;
import org.openkpi.acquisition.api.model.FunnelPoint;
import org.openkpi.acquisition.api.model.LeadPoint;
import org.openkpi.acquisition.api.model.LostReason;
import org.openkpi.acquisition.api.model.Money;
import org.openkpi.acquisition.api.model.Period;
import org.openkpi.acquisition.api.model.PipelineStageValue;
import org.openkpi.acquisition.api.model.Ratio;
import org.openkpi.acquisition.api.model.RepStanding;
import org.openkpi.acquisition.api.model.StageTime;
import org.openkpi.acquisition.api.model.StageTimeReport;

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
 * grouped by 10 channels has 360 points with about 20 fields each, so that was most of a read's CPU. The records
 * listed here have no field that needs SmallRye: no formatting annotation, no adapter, no {@code @Source} or batch
 * field, no operation; their scalars are passed to graphql-java as SmallRye would pass them (numbers, strings and
 * booleans untouched, a {@link LocalDate} as its ISO-8601 string, as SmallRye's default date transformer writes it).
 * <p>
 * Every field of a listed type must be listed (and nothing else): a record that gains, loses or renames a component
 * fails the first request (and so the tests) until this table follows. Explicit accessor references, no reflection:
 * native-safe. Installed by {@link GraphQLReadPath}.
 */
final class PlainFieldFetchers {

    private PlainFieldFetchers() {
    }

    static List<Fields<?>> plainTypes() {
        return List.of(
                new Fields<>("Period", Period.class)
                        .field("start", p -> date(p.start()))
                        .field("end", p -> date(p.end())),
                new Fields<>("Money", Money.class)
                        .field("amount", Money::amount)
                        .field("currency", Money::currency),
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
                new Fields<>("CostPoint", CostPoint.class)
                        .field("period", CostPoint::period)
                        .field("group", CostPoint::group)
                        .field("adSpend", CostPoint::adSpend)
                        .field("salaries", CostPoint::salaries)
                        .field("tools", CostPoint::tools)
                        .field("overhead", CostPoint::overhead)
                        .field("blendedSpend", CostPoint::blendedSpend)
                        .field("fullyLoadedSpend", CostPoint::fullyLoadedSpend)
                        .field("newPayingCustomers", CostPoint::newPayingCustomers)
                        .field("paidChannelCustomers", CostPoint::paidChannelCustomers)
                        .field("cac", CostPoint::cac)
                        .field("paidCac", CostPoint::paidCac)
                        .field("fullyLoadedCac", CostPoint::fullyLoadedCac)
                        .field("visitors", CostPoint::visitors)
                        .field("visitorAcquisitionCost", CostPoint::visitorAcquisitionCost)
                        .field("leads", CostPoint::leads)
                        .field("costPerLead", CostPoint::costPerLead),
                new Fields<>("FunnelPoint", FunnelPoint.class)
                        .field("period", FunnelPoint::period)
                        .field("group", FunnelPoint::group)
                        .field("visitors", FunnelPoint::visitors)
                        .field("trials", FunnelPoint::trials)
                        .field("convertedTrials", FunnelPoint::convertedTrials)
                        .field("newPayingCustomers", FunnelPoint::newPayingCustomers)
                        .field("visitorToTrialRate", FunnelPoint::visitorToTrialRate)
                        .field("trialToPaidRate", FunnelPoint::trialToPaidRate)
                        .field("trialToPaidPeriodView", FunnelPoint::trialToPaidPeriodView)
                        .field("conversionWindowDays", FunnelPoint::conversionWindowDays)
                        .field("cohortComplete", FunnelPoint::cohortComplete),
                new Fields<>("LeadPoint", LeadPoint.class)
                        .field("period", LeadPoint::period)
                        .field("group", LeadPoint::group)
                        .field("leads", LeadPoint::leads)
                        .field("convertedLeads", LeadPoint::convertedLeads)
                        .field("leadConversionRate", LeadPoint::leadConversionRate)
                        .field("mqls", LeadPoint::mqls)
                        .field("mqlsConvertedToSql", LeadPoint::mqlsConvertedToSql)
                        .field("mqlToSqlRate", LeadPoint::mqlToSqlRate)
                        .field("followedUp", LeadPoint::followedUp)
                        .field("responseTime", LeadPoint::responseTime),
                new Fields<>("DealPoint", DealPoint.class)
                        .field("period", DealPoint::period)
                        .field("group", DealPoint::group)
                        .field("dealsWon", DealPoint::dealsWon)
                        .field("dealsLost", DealPoint::dealsLost)
                        .field("amountWon", DealPoint::amountWon)
                        .field("winRate", DealPoint::winRate)
                        .field("averageDealSize", DealPoint::averageDealSize)
                        .field("salesCycle", DealPoint::salesCycle),
                new Fields<>("EmailListPoint", EmailListPoint.class)
                        .field("period", EmailListPoint::period)
                        .field("listSizeStart", EmailListPoint::listSizeStart)
                        .field("subscribes", EmailListPoint::subscribes)
                        .field("unsubscribes", EmailListPoint::unsubscribes)
                        .field("listSizeEnd", EmailListPoint::listSizeEnd)
                        .field("growthRate", EmailListPoint::growthRate),
                new Fields<>("CampaignResult", CampaignResult.class)
                        .field("externalId", CampaignResult::externalId)
                        .field("name", CampaignResult::name)
                        .field("channel", CampaignResult::channel)
                        .field("startDate", c -> date(c.startDate()))
                        .field("endDate", c -> date(c.endDate()))
                        .field("cost", CampaignResult::cost)
                        .field("attributedRevenue", CampaignResult::attributedRevenue)
                        .field("roi", CampaignResult::roi),
                new Fields<>("LostReason", LostReason.class)
                        .field("reason", LostReason::reason)
                        .field("deals", LostReason::deals)
                        .field("amount", LostReason::amount),
                new Fields<>("RepStanding", RepStanding.class)
                        .field("rank", RepStanding::rank)
                        .field("owner", RepStanding::owner)
                        .field("dealsWon", RepStanding::dealsWon)
                        .field("dealsLost", RepStanding::dealsLost)
                        .field("amountWon", RepStanding::amountWon)
                        .field("winRate", RepStanding::winRate)
                        .field("averageDealSize", RepStanding::averageDealSize),
                new Fields<>("StageTime", StageTime.class)
                        .field("stage", StageTime::stage)
                        .field("name", StageTime::name)
                        .field("position", StageTime::position)
                        .field("exits", StageTime::exits)
                        .field("duration", StageTime::duration),
                new Fields<>("StageTimeReport", StageTimeReport.class)
                        .field("stages", StageTimeReport::stages)
                        .field("bottleneckStage", StageTimeReport::bottleneckStage),
                new Fields<>("PipelineStageValue", PipelineStageValue.class)
                        .field("stage", PipelineStageValue::stage)
                        .field("name", PipelineStageValue::name)
                        .field("position", PipelineStageValue::position)
                        .field("winProbability", PipelineStageValue::winProbability)
                        .field("openDeals", PipelineStageValue::openDeals)
                        .field("value", PipelineStageValue::value)
                        .field("weightedValue", PipelineStageValue::weightedValue));
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
