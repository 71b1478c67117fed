package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;

import io.smallrye.graphql.api.federation.Shareable;

@Shareable
@Description("Outcome of an all-or-nothing batch: accepted = facts seen for the first time, unchanged = same id and same"
        + " content as stored (or repeated in the batch), replaced = same id with new content (every KPI it touches is recomputed).")
public record IngestResult(int accepted, int unchanged, int replaced) {
}
