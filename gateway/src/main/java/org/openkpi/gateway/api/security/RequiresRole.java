package org.openkpi.gateway.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;

/**
 * The roles that may call a GraphQL operation (any one of them suffices). Every query and mutation the gateway
 * answers itself carries it; a caller without one of them gets {@code FORBIDDEN} and the operation does nothing.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresRole {

    @Nonbinding
    Role[] value() default {};
}
