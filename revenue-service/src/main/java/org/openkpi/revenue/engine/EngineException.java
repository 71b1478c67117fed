package org.openkpi.revenue.engine;

/** A subscription history that cannot be evaluated; names the event and field at fault. */
public class EngineException extends RuntimeException {

    private final String customerId;
    private final String eventExternalId;
    private final String field;

    public EngineException(String customerId, String eventExternalId, String field, String message) {
        super(message);
        this.customerId = customerId;
        this.eventExternalId = eventExternalId;
        this.field = field;
    }

    public String customerId() {
        return customerId;
    }

    public String eventExternalId() {
        return eventExternalId;
    }

    public String field() {
        return field;
    }
}
