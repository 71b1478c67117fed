package org.openkpi.gateway.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("Whether the actual should be at least (AT_LEAST) or at most (AT_MOST) the target value.")
public enum TargetDirection {
    AT_LEAST, AT_MOST
}
