package org.openkpi.retention.observability;

import java.net.http.HttpRequest;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * Continues the current trace on an outgoing call made with the JDK's HttpClient, which Quarkus does not instrument:
 * adds the W3C {@code traceparent} (and {@code baggage}) of the current OpenTelemetry context with the configured
 * propagators. Nothing is added when there is no current span or tracing is off (QUARKUS_OTEL_SDK_DISABLED=true).
 */
@ApplicationScoped
public class TraceHeaders {

    private static final TextMapSetter<HttpRequest.Builder> SETTER = (request, name, value) -> {
        if (request != null) {
            request.setHeader(name, value);
        }
    };

    private final TextMapPropagator propagator;

    public TraceHeaders(OpenTelemetry openTelemetry) {
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    public HttpRequest.Builder inject(HttpRequest.Builder request) {
        propagator.inject(Context.current(), request, SETTER);
        return request;
    }
}
