package org.openkpi.revenue.api.error;

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
            String refused = refusedValue(e);
            if (refused != null) {
                throw new ApiException(ErrorCode.VALIDATION, refused);
            }
            String incident = java.util.UUID.randomUUID().toString();
            LOG.errorf(e, "incident %s in %s", incident, context.getMethod().getName());
            throw new ApiException(ErrorCode.INTERNAL, "internal error, incident " + incident);
        }
    }

    /**
     * A safety net behind the input checks: the database refusing a value the client sent (a number out of the stored
     * range, a NUL character in a query argument) is the client's error, not an incident.
     */
    static String refusedValue(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                switch (sql.getSQLState()) {
                    case "22003":
                        return "a value or a total derived from it is out of the supported range";
                    case "22021", "22P05", "22023":
                        return "a text value contains a character that cannot be stored (such as NUL)";
                    default:
                        return null;
                }
            }
        }
        return null;
    }
}
