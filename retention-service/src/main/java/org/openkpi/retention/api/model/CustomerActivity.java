package org.openkpi.retention.api.model;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("A customer's recent product activity, over the 30 days ending on asOf.")
public record CustomerActivity(
        @Description("The last day (ever, up to asOf) one of its users was active") LocalDate lastActiveDay,
        @Description("Days with activity in the last 30 days") int activeDaysLast30,
        @Description("Distinct active users in the last 30 days") int activeUsersLast30,
        @Description("Distinct active users in the 30 days before those") int activeUsersPrevious30,
        @NonNull @Description("Active users per day with activity, last 30 days") List<@NonNull DayCount> dailyActiveUsers) {
}
