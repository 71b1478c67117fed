package org.openkpi.gateway.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("What a batch did: new elements (accepted), identical ones (unchanged), changed ones (replaced).")
public record IngestResult(int accepted, int unchanged, int replaced) {
}
