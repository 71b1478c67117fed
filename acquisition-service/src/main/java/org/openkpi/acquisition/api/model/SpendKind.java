package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("Kind of sales & marketing spend. Blended CAC counts AD_SPEND and TOOLS, paid CAC AD_SPEND, fully loaded CAC all.")
public enum SpendKind {
    AD_SPEND, SALARIES, TOOLS, OVERHEAD
}
