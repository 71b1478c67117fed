package org.openkpi.support.api.model;

import org.eclipse.microprofile.graphql.Description;

@Description("An ISO weekday.")
public enum Weekday {
    MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY
}
