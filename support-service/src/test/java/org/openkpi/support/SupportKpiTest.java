package org.openkpi.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.openkpi.support.Assert.num;
import static org.openkpi.support.Gql.ALL_DAYS;
import static org.openkpi.support.Gql.WEEKDAYS;
import static org.openkpi.support.Gql.agent;
import static org.openkpi.support.Gql.agentTicket;
import static org.openkpi.support.Gql.csat;
import static org.openkpi.support.Gql.event;
import static org.openkpi.support.Gql.list;
import static org.openkpi.support.Gql.range;
import static org.openkpi.support.Gql.ticket;
import static org.openkpi.support.Gql.vars;
import static org.openkpi.support.Gql.week;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** METRICS.md example 9, the business-hours cases and the support KPI definitions, end to end over GraphQL. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class SupportKpiTest {

    static Map<String, Object> roundTheClock() {
        return Map.of("timeZone", "UTC", "businessHours", week(ALL_DAYS, "00:00-24:00"));
    }

    static String plus(String instant, long minutes) {
        return Instant.parse(instant).plusSeconds(minutes * 60).toString();
    }

    @Test
    void workedExample9FirstResponseTimeIsFiveHours() {
        Gql t = Gql.as("ex9");
        t.settings(roundTheClock());
        t.agents(list(agent("a1", null)));
        List<Map<String, Object>> tickets = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String created = plus("2024-05-01T00:00:00Z", i * 10L);
            tickets.add(ticket("t" + i, "c" + i, "email", "normal", created));
            // 50 answered after 3 hours, 50 after 7 hours: 500 hours in total
            events.add(event("e" + i, "t" + i, "PUBLIC_AGENT_REPLY", plus(created, i < 50 ? 180 : 420), "a1"));
        }
        t.tickets(tickets);
        t.events(events);
        JsonPath r = t.ok(Gql.FRT, vars("r", range("2024-05-01", "2024-06-01"), "g", "MONTH"));
        assertEquals(1, r.getList("data.firstResponseTime").size());
        num("100", r.get("data.firstResponseTime[0].tickets"));
        num("5", r.get("data.firstResponseTime[0].calendarHours.mean"));
        num("5", r.get("data.firstResponseTime[0].calendarHours.median"));
        num("7", r.get("data.firstResponseTime[0].calendarHours.p90"));
        assertEquals("HOURS", r.get("data.firstResponseTime[0].calendarHours.unit"));
        num("5", r.get("data.firstResponseTime[0].businessHours.mean"));
        assertEquals("BUSINESS_HOURS", r.get("data.firstResponseTime[0].businessHours.unit"));
        assertNull(r.get("data.firstResponseTime[0].group"));
    }

    private static JsonPath firstResponse(Gql t, String from, String to) {
        return t.ok(Gql.FRT, vars("r", range(from, to), "g", "MONTH"));
    }

    @Test
    void fridayEveningToMondayMorningIsOneBusinessHour() {
        Gql t = Gql.as("bh-weekend");
        t.settings(Map.of("timeZone", "UTC", "businessHours", week(WEEKDAYS, "09:00-18:00")));
        t.agents(list(agent("a1", null)));
        t.tickets(list(ticket("t1", "c1", "email", "normal", "2024-03-01T17:30:00Z")));
        t.events(list(event("e1", "t1", "PUBLIC_AGENT_REPLY", "2024-03-04T09:30:00Z", "a1")));
        JsonPath r = firstResponse(t, "2024-03-01", "2024-04-01");
        num("1", r.get("data.firstResponseTime[0].businessHours.mean"));
        num("64", r.get("data.firstResponseTime[0].calendarHours.mean"));
    }

    @Test
    void lunchBreaksAndHolidaysAreNotBusinessHours() {
        Gql t = Gql.as("bh-lunch");
        t.settings(Map.of("timeZone", "UTC", "businessHours", week(WEEKDAYS, "09:00-12:00", "13:00-18:00"),
                "holidays", list("2024-03-04")));
        t.agents(list(agent("a1", null)));
        t.tickets(list(ticket("t1", "c1", "email", "normal", "2024-03-01T11:00:00Z")));
        t.events(list(event("e1", "t1", "PUBLIC_AGENT_REPLY", "2024-03-05T14:00:00Z", "a1")));
        JsonPath r = firstResponse(t, "2024-03-01", "2024-04-01");
        // Friday 11-12 and 13-18 (6 h), Monday a holiday, Tuesday 9-12 and 13-14 (4 h)
        num("10", r.get("data.firstResponseTime[0].businessHours.mean"));
        num("99", r.get("data.firstResponseTime[0].calendarHours.mean"));
        JsonPath settings = t.ok("{supportSettings{timeZone businessHours{weekday blocks{start end}} holidays}}");
        assertEquals("UTC", settings.get("data.supportSettings.timeZone"));
        assertEquals(WEEKDAYS, settings.getList("data.supportSettings.businessHours.weekday"));
        assertEquals(List.of("09:00", "13:00"), settings.getList("data.supportSettings.businessHours[0].blocks.start"));
        assertEquals(List.of("12:00", "18:00"), settings.getList("data.supportSettings.businessHours[0].blocks.end"));
        assertEquals(List.of("2024-03-04"), settings.getList("data.supportSettings.holidays"));
        // removing the holiday re-derives the ticket: Monday adds 8 hours
        t.settings(Map.of("holidays", list()));
        num("18", firstResponse(t, "2024-03-01", "2024-04-01").get("data.firstResponseTime[0].businessHours.mean"));
    }

    @Test
    void aTicketSpanningTheDaylightSavingChange() {
        Gql t = Gql.as("bh-dst");
        t.settings(Map.of("timeZone", "Europe/Berlin", "businessHours", week(WEEKDAYS, "09:00-18:00")));
        t.agents(list(agent("a1", null)));
        // Friday 17:00 CET -> Monday 10:00 CEST (summer time starts Sunday 2024-03-31)
        t.tickets(list(ticket("t1", "c1", "email", "normal", "2024-03-29T16:00:00Z")));
        t.events(list(event("e1", "t1", "PUBLIC_AGENT_REPLY", "2024-04-01T08:00:00Z", "a1")));
        JsonPath r = firstResponse(t, "2024-04-01", "2024-05-01");
        num("2", r.get("data.firstResponseTime[0].businessHours.mean"));
        num("64", r.get("data.firstResponseTime[0].calendarHours.mean"));
    }

    @Test
    void botRepliesPrivateNotesAgentOpenedAndReopenedTickets() {
        Gql t = Gql.as("rules");
        t.settings(roundTheClock());
        t.agents(list(agent("a1", null), agent("a2", null)));
        String c = "2024-06-03T08:00:00Z";
        t.tickets(list(ticket("t1", "c1", "email", "normal", c), agentTicket("t2", "c1", c, "a1"),
                ticket("t3", "c2", "chat", "normal", c), ticket("t4", "c2", "chat", "normal", c)));
        t.events(list(
                event("t1-bot", "t1", "BOT_REPLY", plus(c, 1), null),
                event("t1-note", "t1", "PRIVATE_AGENT_NOTE", plus(c, 10), "a1"),
                event("t1-reply", "t1", "PUBLIC_AGENT_REPLY", plus(c, 120), "a1"),
                event("t2-open", "t2", "PUBLIC_AGENT_REPLY", c, "a1"),
                event("t2-cust", "t2", "CUSTOMER_REPLY", plus(c, 60), null),
                event("t2-reply", "t2", "PUBLIC_AGENT_REPLY", plus(c, 240), "a1"),
                event("t3-s1", "t3", "RESOLVED_BY_AGENT", plus(c, 60), "a1"),
                event("t3-o", "t3", "REOPENED", plus(c, 300), null),
                event("t3-s2", "t3", "RESOLVED_BY_AGENT", plus(c, 600), "a2"),
                event("t4-s1", "t4", "RESOLVED_BY_AGENT", plus(c, 120), "a1"),
                event("t4-o", "t4", "REOPENED", plus(c, 180), null)));
        JsonPath frt = firstResponse(t, "2024-06-01", "2024-07-01");
        // t1: 2 h (bot reply and private note ignored); t2: 4 h (the opening message does not count)
        num("2", frt.get("data.firstResponseTime[0].tickets"));
        num("3", frt.get("data.firstResponseTime[0].calendarHours.mean"));
        num("3", frt.get("data.firstResponseTime[0].calendarHours.median"));
        num("3.8", frt.get("data.firstResponseTime[0].calendarHours.p90"));

        JsonPath full = t.ok(Gql.RES, vars("r", range("2024-06-01", "2024-07-01"), "g", "MONTH", "k", "FULL"));
        // only t3 is resolved now; its clock ran to the last resolve
        num("1", full.get("data.resolutionTime[0].tickets"));
        num("10", full.get("data.resolutionTime[0].calendarHours.mean"));
        JsonPath first = t.ok(Gql.RES, vars("r", range("2024-06-01", "2024-07-01"), "g", "MONTH", "k", "FIRST"));
        num("2", first.get("data.resolutionTime[0].tickets"));
        num("1.5", first.get("data.resolutionTime[0].calendarHours.mean"));

        String backlog = "query($at:String!){backlog(at:$at){group openTickets}}";
        num("4", t.ok(backlog, Map.of("at", "2024-06-03T08:30:00Z")).get("data.backlog[0].openTickets"));
        // t3 resolved at 09:00 (reopened at 13:00), t4 reopened at 11:00
        num("3", t.ok(backlog, Map.of("at", "2024-06-03T12:00:00Z")).get("data.backlog[0].openTickets"));
        num("3", t.ok(backlog, Map.of("at", "2024-06-04T00:00:00Z")).get("data.backlog[0].openTickets"));
        num("0", t.ok(backlog, Map.of("at", "2024-06-03T07:59:59Z")).get("data.backlog[0].openTickets"));
        JsonPath byChannel = t.ok("{backlog(at:\"2024-06-10T00:00:00Z\",groupBy:CHANNEL){group openTickets}}");
        assertEquals(List.of("chat", "email"), byChannel.getList("data.backlog[1..2].group"));
        num("3", byChannel.get("data.backlog[0].openTickets"));
        num("1", byChannel.get("data.backlog[1].openTickets"));
        num("2", byChannel.get("data.backlog[2].openTickets"));
    }

    /** Five tickets in July 2024 with SLA targets, CSAT and agents in two teams. */
    static Gql kpiTenant(String tenant) {
        Gql t = Gql.as(tenant);
        Map<String, Object> s = new java.util.HashMap<>(roundTheClock());
        s.put("slaTargets", list(Map.of("priority", "high", "firstResponseHours", 1, "resolutionHours", 4),
                Map.of("priority", "normal", "firstResponseHours", 8, "resolutionHours", 24)));
        t.settings(s);
        t.teams(list(Map.of("externalId", "t-a", "name", "A"), Map.of("externalId", "t-b", "name", "B")));
        t.agents(list(agent("a1", "t-a"), agent("a2", "t-a"), agent("a3", "t-b")));
        String c = "2024-07-01T00:00:00Z";
        t.tickets(list(ticket("k1", "cust-1", "email", "high", c), ticket("k2", "cust-1", "email", "high", c),
                ticket("k3", "cust-2", "chat", "normal", c), ticket("k4", "cust-2", "email", "normal", c),
                ticket("k5", "cust-2", "email", "low", c)));
        t.events(list(
                event("k1-r", "k1", "PUBLIC_AGENT_REPLY", plus(c, 30), "a1"),
                event("k1-s", "k1", "RESOLVED_BY_AGENT", plus(c, 120), "a1"),
                event("k2-r1", "k2", "PUBLIC_AGENT_REPLY", plus(c, 120), "a1"),
                event("k2-r2", "k2", "PUBLIC_AGENT_REPLY", plus(c, 180), "a1"),
                event("k2-s", "k2", "RESOLVED_BY_AGENT", plus(c, 300), "a1"),
                event("k3-b", "k3", "BOT_REPLY", plus(c, 1), null),
                event("k3-s", "k3", "RESOLVED_BY_AUTOMATION", plus(c, 10), null),
                event("k4-r1", "k4", "PUBLIC_AGENT_REPLY", plus(c, 60), "a2"),
                event("k4-r2", "k4", "PUBLIC_AGENT_REPLY", plus(c, 120), "a2"),
                event("k4-r3", "k4", "PUBLIC_AGENT_REPLY", plus(c, 180), "a2"),
                event("k4-s", "k4", "RESOLVED_BY_AGENT", plus(c, 1800), "a2"),
                event("k5-r", "k5", "PUBLIC_AGENT_REPLY", plus(c, 60), "a2")));
        t.csat(list(csat("q1", "k1", 5, "2024-07-03T00:00:00Z"), csat("q2", "k2", 2, "2024-07-03T00:00:00Z"),
                csat("q3", "k3", 4, "2024-07-03T00:00:00Z"), csat("q4", "k4", 3, "2024-07-03T00:00:00Z")));
        return t;
    }

    @Test
    void csatAutomationOneTouchFollowUpsAndSlaBreaches() {
        Gql t = kpiTenant("kpis");
        JsonPath r = t.ok(Gql.SERIES, vars("r", range("2024-07-01", "2024-08-01"), "g", "MONTH"));
        String p = "data.supportSeries[0].";
        num("5", r.get(p + "ticketsCreated"));
        num("4", r.get(p + "ticketsResolved"));
        num("0.5", r.get(p + "csat.value"));
        num("4", r.get(p + "csat.denominator"));
        num("0.25", r.get(p + "automationResolutionRate.value"));
        num("0.5", r.get(p + "oneTouchResolutionRate.value"));
        num("1.5", r.get(p + "followUpsPerTicket.value"));
        num("0.5", r.get(p + "slaBreachRate.value"));
        num("0.25", r.get(p + "firstResponseBreachRate.value"));
        num("0.5", r.get(p + "resolutionBreachRate.value"));

        JsonPath byPriority = t.ok(Gql.SERIES, vars("r", range("2024-07-01", "2024-08-01"), "g", "MONTH", "by", "PRIORITY"));
        assertEquals(List.of("high", "low", "normal"), byPriority.getList("data.supportSeries.group"));
        num("0.5", byPriority.get("data.supportSeries[0].slaBreachRate.value"));
        assertNull(byPriority.get("data.supportSeries[1].slaBreachRate.value"));
        assertEquals("no tickets resolved in the period", byPriority.get("data.supportSeries[1].oneTouchResolutionRate.reason"));
        num("0.5", byPriority.get("data.supportSeries[2].slaBreachRate.value"));

        // an empty period: undefined, not zero
        JsonPath empty = t.ok(Gql.SERIES, vars("r", range("2024-08-01", "2024-09-01"), "g", "MONTH"));
        assertNull(empty.get("data.supportSeries[0].csat.value"));
        assertEquals("no CSAT responses in the period", empty.get("data.supportSeries[0].csat.reason"));
    }

    @Test
    void agentLeaderboardAndTeamMean() {
        Gql t = kpiTenant("leaders");
        JsonPath r = t.ok("{agentResolutionRates(range:{from:\"2024-07-01\",to:\"2024-07-03\"})"
                + "{agentId teamId resolved workingDays resolvedPerWorkingDay{value}}}");
        assertEquals(List.of("a1", "a2", "a3"), r.getList("data.agentResolutionRates.agentId"));
        num("2", r.get("data.agentResolutionRates[0].resolved"));
        num("2", r.get("data.agentResolutionRates[0].workingDays"));
        num("1", r.get("data.agentResolutionRates[0].resolvedPerWorkingDay.value"));
        num("0.5", r.get("data.agentResolutionRates[1].resolvedPerWorkingDay.value"));
        num("0", r.get("data.agentResolutionRates[2].resolvedPerWorkingDay.value"));
        JsonPath teams = t.ok("{teamResolutionRates(range:{from:\"2024-07-01\",to:\"2024-07-03\"})"
                + "{teamId agents resolved meanResolvedPerAgentPerWorkingDay{value}}}");
        assertEquals(List.of("t-a", "t-b"), teams.getList("data.teamResolutionRates.teamId"));
        num("0.75", teams.get("data.teamResolutionRates[0].meanResolvedPerAgentPerWorkingDay.value"));
        num("0", teams.get("data.teamResolutionRates[1].meanResolvedPerAgentPerWorkingDay.value"));

        // moving a2 to team B moves its tickets: team B's first response now holds k4 and k5
        t.agents(list(agent("a2", "t-b")));
        JsonPath byTeam = t.ok(Gql.FRT, vars("r", range("2024-07-01", "2024-08-01"), "g", "MONTH", "by", "TEAM"));
        assertEquals(List.of("t-a", "t-b"), byTeam.getList("data.firstResponseTime.group"));
        num("2", byTeam.get("data.firstResponseTime[1].tickets"));
        num("1", byTeam.get("data.firstResponseTime[1].calendarHours.mean"));
    }

    @Test
    void filtersAndGroupingsAgreeBetweenRollupsAndTicketScan() {
        Gql t = kpiTenant("filters");
        Map<String, Object> email = Map.of("channels", list("email"));
        JsonPath fast = t.ok(Gql.FRT, vars("r", range("2024-07-01", "2024-08-01"), "g", "MONTH", "f", email));
        num("4", fast.get("data.firstResponseTime[0].tickets"));
        num("1.125", fast.get("data.firstResponseTime[0].calendarHours.mean"));
        num("1", fast.get("data.firstResponseTime[0].calendarHours.median"));
        num("1.7", fast.get("data.firstResponseTime[0].calendarHours.p90"));
        // two values of one dimension go through the ticket scan and give the same figures
        JsonPath scanned = t.ok(Gql.FRT, vars("r", range("2024-07-01", "2024-08-01"), "g", "MONTH",
                "f", Map.of("channels", list("email", "no-such-channel"))));
        assertEquals(fast.getList("data.firstResponseTime"), scanned.getList("data.firstResponseTime"));
        JsonPath grouped = t.ok(Gql.FRT, vars("r", range("2024-07-01", "2024-08-01"), "g", "MONTH", "f", email, "by", "AGENT"));
        assertEquals(List.of("a1", "a2"), grouped.getList("data.firstResponseTime.group"));
        num("1.25", grouped.get("data.firstResponseTime[0].calendarHours.mean"));
        num("1.85", grouped.get("data.firstResponseTime[0].calendarHours.p90"));
        num("1", grouped.get("data.firstResponseTime[1].calendarHours.mean"));
        // grouping by customer
        JsonPath byCustomer = t.ok(Gql.SERIES, vars("r", range("2024-07-01", "2024-08-01"), "g", "MONTH", "by", "CUSTOMER"));
        assertEquals(List.of("cust-1", "cust-2"), byCustomer.getList("data.supportSeries.group"));
        num("0.5", byCustomer.get("data.supportSeries[0].csat.value"));
        num("3", byCustomer.get("data.supportSeries[1].ticketsCreated"));
    }

    @Test
    void customerSupportForTheCustomer360() {
        Gql t = kpiTenant("customer360");
        JsonPath r = t.ok("{customerSupport(customerId:\"cust-2\",range:{from:\"2024-05-01\",to:\"2024-08-01\"})"
                + "{customerId openTickets ticketVolume{period{start} tickets} csat{value numerator denominator}}}");
        assertEquals("cust-2", r.get("data.customerSupport.customerId"));
        num("1", r.get("data.customerSupport.openTickets"));
        assertEquals(List.of("2024-05-01", "2024-06-01", "2024-07-01"), r.getList("data.customerSupport.ticketVolume.period.start"));
        assertEquals(List.of(0, 0, 3), r.getList("data.customerSupport.ticketVolume.tickets", Integer.class));
        num("0.5", r.get("data.customerSupport.csat.value"));
    }
}
