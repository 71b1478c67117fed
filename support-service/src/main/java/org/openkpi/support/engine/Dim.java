package org.openkpi.support.engine;

/** The dimensions rollups are kept for; codes are stored in rollup tables. */
public final class Dim {

    private Dim() {
    }

    public static final short ALL = 0;
    public static final short CHANNEL = 1;
    public static final short PRIORITY = 2;
    public static final short AGENT = 3;
    public static final short TEAM = 4;
    public static final int COUNT = 5;

    /** The group label of a ticket without an agent (or whose agent has no team). */
    public static final String NONE = "(none)";

    /** A ticket's value for each dimension, indexed by code. */
    public static String[] valuesOf(TicketMetrics m) {
        return new String[] {"", m.channel(), m.priority(), m.agentId() == null ? NONE : m.agentId(),
                m.teamId() == null ? NONE : m.teamId()};
    }
}
