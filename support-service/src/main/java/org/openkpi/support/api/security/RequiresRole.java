package org.openkpi.support.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * The roles a GraphQL entry point admits: the caller needs any one of them ({@link RoleInterceptor}), else the call is
 * {@code FORBIDDEN} and the method body never runs. Put it on methods: the TYPE target exists only because the
 * interceptor class itself must carry the binding ({@code @RequiresRole({})}); the roles are read from the method.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresRole {

    /** Any of these suffices. */
    @Nonbinding
    Role[] value();
}
