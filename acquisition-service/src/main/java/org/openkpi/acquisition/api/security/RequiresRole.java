package org.openkpi.acquisition.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * The roles a GraphQL entry point admits (any one of them suffices); enforced by {@link RoleInterceptor} before
 * the method body runs. Every @Query, @Mutation, @Source field and federation @Resolver carries one.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
// TYPE only so that RoleInterceptor can carry the binding; entry points put it on methods (RolesTest checks them).
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresRole {
    @Nonbinding
    Role[] value();
}
