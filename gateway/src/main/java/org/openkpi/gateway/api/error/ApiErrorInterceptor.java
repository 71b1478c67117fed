package org.openkpi.gateway.api.error;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.Logger;

/**
 * Lets {@link ApiException} through and turns anything else into {@code INTERNAL}: the client gets a
 * stable code and an incident id, never a stack trace or SQL; the log gets the cause.
 */
@ApiErrors
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class ApiErrorInterceptor {

    private static final Logger LOG = Logger.getLogger(ApiErrorInterceptor.class);

    @AroundInvoke
    Object translate(InvocationContext context) throws Exception {
        try {
            return context.proceed();
        } catch (ApiException e) {
            throw e;
        } catch (RuntimeException e) {
            String incident = java.util.UUID.randomUUID().toString();
            LOG.errorf(e, "incident %s in %s", incident, context.getMethod().getName());
            throw new ApiException(ErrorCode.INTERNAL, "internal error, incident " + incident);
        }
    }
}
