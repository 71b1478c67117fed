package org.openkpi.support.tenant;

import io.smallrye.graphql.api.ErrorCode;

/** The caller's verified token names no tenant, so nothing tenant-owned may be read or written. */
@ErrorCode("UNAUTHENTICATED")
public class MissingTenantException extends RuntimeException {

    public MissingTenantException(String message) {
        super(message);
    }
}
