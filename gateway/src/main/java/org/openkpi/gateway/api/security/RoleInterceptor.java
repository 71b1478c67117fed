package org.openkpi.gateway.api.security;

import java.util.Arrays;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.openkpi.gateway.api.error.ApiException;
import org.openkpi.gateway.api.error.ErrorCode;

import io.quarkus.security.identity.SecurityIdentity;

/** Refuses a call whose caller holds none of the roles its {@link RequiresRole} names, before the method runs. */
@RequiresRole
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
            if (identity.hasRole(role.claimValue())) {
                return context.proceed();
            }
        }
        throw new ApiException(ErrorCode.FORBIDDEN, "requires role "
                + Arrays.stream(roles).map(Role::claimValue).collect(Collectors.joining(" or ")));
    }
}
