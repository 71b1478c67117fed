package org.openkpi.acquisition.api.model;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("One sales rep over the range (deals closed in it), ranked by amount won.")
public record RepStanding(int rank, @NonNull String owner, long dealsWon, long dealsLost, @NonNull Money amountWon,
        @NonNull @Description("dealsWon / (dealsWon + dealsLost)") Ratio winRate,
        @NonNull @Description("amountWon / dealsWon") Ratio averageDealSize) {
}
