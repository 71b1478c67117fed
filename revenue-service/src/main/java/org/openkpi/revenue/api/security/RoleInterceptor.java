package org.openkpi.revenue.api.security;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.openkpi.revenue.api.error.ApiException;
import org.openkpi.revenue.api.error.ErrorCode;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * Refuses a call with FORBIDDEN unless the caller holds one of the roles of the method's {@link RequiresRole}; the
 * method body does not run, so nothing is read or changed.
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
