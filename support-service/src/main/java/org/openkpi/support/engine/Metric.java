package org.openkpi.support.engine;

/**
 * The metric codes of the rollup tables. Counters hold n (how many) and total (a sum); duration metrics
 * hold n tickets and total seconds in rollup_count and their quantised distribution in rollup_hist.
 */
public final class Metric {

    private Metric() {
    }

    /** Tickets created on the day: n. */
    public static final short CREATED = 0;
    /** First response (calendar / business seconds), on the day of the first response. */
    public static final short FRT_CAL = 1;
    public static final short FRT_BH = 2;
    /** First resolution, on the day of the first resolve. */
    public static final short FRES_CAL = 3;
    public static final short FRES_BH = 4;
    /** Full resolution (to the last resolve) of currently resolved tickets, on the day of the last resolve. */
    public static final short RES_CAL = 5;
    public static final short RES_BH = 6;
    /** Currently resolved tickets, on the day of their last resolve: n. */
    public static final short RESOLVED = 7;
    /** Of those, last resolved by automation: n. */
    public static final short RESOLVED_AUTO = 8;
    /** Of those, last resolved by an agent (the agent dimension is that agent): n. */
    public static final short RESOLVED_BY_AGENT = 9;
    /** Of those, with fewer than 2 public agent replies: n. */
    public static final short ONE_TOUCH = 10;
    /** Public agent replies of resolved tickets: total. */
    public static final short AGENT_REPLIES = 11;
    /** CSAT responses on the day: n; rated 4 or 5: total. */
    public static final short CSAT = 12;
    /** Resolved tickets whose priority has a target: n; breached the first-response or resolution target: total. */
    public static final short SLA = 13;
    /** Same n; breached the first-response target: total. */
    public static final short SLA_FRT = 14;
    /** Same n; breached the resolution target: total. */
    public static final short SLA_RES = 15;
    /** Open intervals started minus ended on the day: total (for the backlog). */
    public static final short OPEN_DELTA = 16;

    public static boolean isDuration(short metric) {
        return metric >= FRT_CAL && metric <= RES_BH;
    }
}
