package org.openkpi.retention.api.model;

import java.math.BigDecimal;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("NPS of the responses in a period = % promoters (9-10) - % detractors (0-6), from -100 to 100.")
public record NpsPoint(@NonNull Period period, int responses, int promoters, int passives, int detractors,
        @Description("The NPS, null with a reason when there are no responses") BigDecimal nps,
        @Description("Why nps is null") String reason) {
}
