package org.openkpi.support.api.security;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.openkpi.support.api.error.ApiException;
import org.openkpi.support.api.error.ErrorCode;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Checks the roles of {@link RequiresRole} against the verified identity before the method runs; without any of them
 * the call fails with {@code FORBIDDEN} ("requires role kpi-writer", several joined with " or ") and nothing is read or
 * changed. Runs inside {@code ApiErrorInterceptor}, which lets the {@link ApiException} through.
 */
@RequiresRole({})
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class RoleInterceptor {

    @Inject
    SecurityIdentity identity;

    @AroundInvoke
    Object check(InvocationContext context) throws Exception {
        RequiresRole required = context.getMethod().getAnnotation(RequiresRole.class);
        Role[] roles = required == null ? new Role[0] : required.value();
        for (Role role : roles) {
            if (identity.hasRole(role.claim())) {
                return context.proceed();
            }
        }
        throw new ApiException(ErrorCode.FORBIDDEN, "requires role "
                + Arrays.stream(roles).map(Role::claim).collect(Collectors.joining(" or ")));
    }
}
