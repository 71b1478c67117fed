package org.openkpi.retention.feed;

/** revenue-service could not be reached or answered with an error: the feed is not consumed this time. */
public class FeedUnavailableException extends RuntimeException {

    public FeedUnavailableException(String message) {
        super(message);
    }

    public FeedUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
