package org.openkpi.support.observability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLError;
import graphql.execution.ExecutionContext;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimpleInstrumentationContext;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationCreateStateParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Per-operation GraphQL latency: one timer sample per root field of each executed request, recorded once when the
 * request's result is complete (Prometheus: {@code kpi_graphql_request_seconds_count/_sum/_max/_bucket} with tags
 * {@code operation} = query|mutation, {@code field} = the root field's schema name, {@code outcome} = ok|error).
 * <p>
 * Tags are bounded by the schema: the field is the schema name (never the client's alias or operation name), and only
 * documents that passed validation reach execution (so every name is a field of the schema). A request's duration runs
 * from the start of execution (before parsing and validation) to its complete result. (The gateway records the same
 * series for its own requests, so one dashboard shows both sides of a forwarded call.)
 * A field selected under several aliases is recorded once; {@code outcome} is {@code error} when an error of the result
 * lies under one of that field's response keys or has no path. The cost per request is one small state object, a walk of the root selection set and one histogram update per
 * root field.
 */
@ApplicationScoped
public class GraphQLMetrics {

    /** The Micrometer name; Prometheus exposes it as {@code kpi_graphql_request_seconds}. */
    public static final String TIMER = "kpi.graphql.request";

    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public GraphQLMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void install(@Observes GraphQL.Builder builder) {
        Instrumentation existing = builder.build().getInstrumentation();
        builder.instrumentation(new ChainedInstrumentation(List.of(new Timing(), existing)));
    }

    private Timer timer(String operation, String field, boolean error) {
        String key = operation + '/' + field + (error ? "/error" : "/ok");
        Timer timer = timers.get(key);
        if (timer == null) {
            timer = timers.computeIfAbsent(key, k -> Timer.builder(TIMER)
                    .description("GraphQL requests by root field, from the start of execution to the complete result")
                    .tag("operation", operation).tag("field", field).tag("outcome", error ? "error" : "ok")
                    .serviceLevelObjectives(BUCKETS)
                    .register(registry));
        }
        return timer;
    }

    /** What one request needs: when it started, its operation type, and its root fields (response key, field name). */
    private static final class State implements InstrumentationState {
        final long start = System.nanoTime();
        String operation;
        final List<String[]> fields = new ArrayList<>(4);
    }

    private final class Timing extends SimplePerformantInstrumentation {

        @Override
        public CompletableFuture<InstrumentationState> createStateAsync(InstrumentationCreateStateParameters parameters) {
            return CompletableFuture.completedFuture(new State());
        }

        @Override
        public InstrumentationContext<ExecutionResult> beginExecuteOperation(InstrumentationExecuteOperationParameters parameters,
                InstrumentationState state) {
            if (state instanceof State s) {
                ExecutionContext context = parameters.getExecutionContext();
                s.operation = context.getOperationDefinition().getOperation().name().toLowerCase(Locale.ROOT);
                collect(context.getOperationDefinition().getSelectionSet(), context.getFragmentsByName(), s.fields, 0);
            }
            return SimpleInstrumentationContext.noOp();
        }

        @Override
        public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            if (state instanceof State s && s.operation != null) {
                long elapsed = System.nanoTime() - s.start;
                List<GraphQLError> errors = result.getErrors();
                List<String[]> fields = s.fields;
                for (int i = 0; i < fields.size(); i++) {
                    String name = fields.get(i)[1];
                    boolean first = true;
                    boolean error = false;
                    for (int j = 0; j < fields.size(); j++) {
                        if (fields.get(j)[1].equals(name)) {
                            first &= j >= i;
                            error |= failed(errors, fields.get(j)[0]);
                        }
                    }
                    if (first) { // once per field name, however many aliases select it
                        timer(s.operation, name, error).record(elapsed, TimeUnit.NANOSECONDS);
                    }
                }
            }
            return CompletableFuture.completedFuture(result);
        }
    }

    private static boolean failed(List<GraphQLError> errors, String responseKey) {
        for (GraphQLError error : errors) {
            List<Object> path = error.getPath();
            if (path == null || path.isEmpty() || responseKey.equals(path.get(0))) {
                return true;
            }
        }
        return false;
    }

    /** The root fields of a selection set, through fragments; one entry per response key. */
    private static void collect(SelectionSet set, Map<String, FragmentDefinition> fragments, List<String[]> into, int depth) {
        if (set == null || depth > 10) {
            return;
        }
        for (Selection<?> selection : set.getSelections()) {
            if (selection instanceof Field field) {
                String key = field.getResultKey();
                boolean seen = false;
                for (String[] known : into) {
                    seen |= known[0].equals(key);
                }
                if (!seen) {
                    into.add(new String[] {key, field.getName()});
                }
            } else if (selection instanceof InlineFragment inline) {
                collect(inline.getSelectionSet(), fragments, into, depth + 1);
            } else if (selection instanceof FragmentSpread spread) {
                FragmentDefinition fragment = fragments.get(spread.getName());
                collect(fragment == null ? null : fragment.getSelectionSet(), fragments, into, depth + 1);
            }
        }
    }
}
