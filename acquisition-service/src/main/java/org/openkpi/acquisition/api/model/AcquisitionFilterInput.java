package org.openkpi.acquisition.api.model;

import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Input;

@Input("AcquisitionFilterInput")
@Description("Keeps facts whose dimension is one of the values (a missing attribute is \"(none)\"). Each query says which"
        + " dimensions apply; filtering on another one is a VALIDATION error.")
public record AcquisitionFilterInput(List<String> channels, List<String> campaigns, List<String> owners, List<String> stages) {
}
