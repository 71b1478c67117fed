package org.openkpi.retention.api.security;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.openkpi.retention.api.error.ApiException;
import org.openkpi.retention.api.error.ErrorCode;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Lets a call through only when the caller holds one of the roles its method declares with {@link RequiresRole};
 * otherwise FORBIDDEN ("requires role kpi-writer", or the accepted roles joined with " or ") before the method runs.
 */
@RequiresRole({})
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class RoleInterceptor {

    private final SecurityIdentity identity;

    public RoleInterceptor(SecurityIdentity identity) {
        this.identity = identity;
    }

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        RequiresRole required = context.getMethod().getAnnotation(RequiresRole.class);
        Role[] roles = required == null ? new Role[0] : required.value();
        for (Role role : roles) {
            if (identity != null && !identity.isAnonymous() && identity.hasRole(role.claimValue())) {
                return context.proceed();
            }
        }
        throw new ApiException(ErrorCode.FORBIDDEN, "requires role "
                + Arrays.stream(roles).map(Role::claimValue).collect(Collectors.joining(" or ")));
    }
}
