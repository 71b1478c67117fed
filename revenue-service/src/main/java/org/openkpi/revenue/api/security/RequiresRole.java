package org.openkpi.revenue.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * The roles a GraphQL entry point needs; any one of them suffices. Every @Query, @Mutation, @Source field and
 * federation @Resolver carries one (RolesTest checks it). Enforced by {@link RoleInterceptor}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
// TYPE only so that RoleInterceptor can carry the binding; put it on methods (RolesTest checks every entry point).
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresRole {

    @Nonbinding
    Role[] value();
}
