package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("FIRST: creation to the first resolve (every ticket ever resolved, on the day of that resolve). FULL: creation"
        + " to the last resolve, for tickets resolved now (a reopened ticket's clock runs to its last resolution; a ticket"
        + " currently reopened is unresolved), on the day of the last resolve.")
public enum ResolutionKind {
    FIRST, FULL
}
