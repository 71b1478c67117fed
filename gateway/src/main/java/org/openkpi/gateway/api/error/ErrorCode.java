package org.openkpi.gateway.api.error;

/** The stable error codes of ../shared/API-CONVENTIONS.md, carried in {@code extensions.code}. */
public enum ErrorCode {
    UNAUTHENTICATED, FORBIDDEN, VALIDATION, NOT_FOUND, CONFLICT, LIMIT_EXCEEDED, UPSTREAM_UNAVAILABLE, INTERNAL
}
