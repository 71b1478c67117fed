package org.openkpi.gateway.subgraph;

/** A domain service did not answer usefully: down, too slow, or an HTTP error other than a GraphQL response. */
public final class UpstreamException extends RuntimeException {

    private final String service;

    public UpstreamException(String service, String message) {
        super(message, null, false, false);
        this.service = service;
    }

    public String service() {
        return service;
    }
}
