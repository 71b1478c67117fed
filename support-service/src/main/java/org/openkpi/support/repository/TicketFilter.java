package org.openkpi.support.repository;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Restricts ticket_metrics rows (alias m) to values of each dimension; an empty list does not restrict. */
public record TicketFilter(List<String> channels, List<String> priorities, List<String> agentIds, List<String> teamIds,
        List<String> customerIds) {

    public static final TicketFilter NONE = new TicketFilter(List.of(), List.of(), List.of(), List.of(), List.of());

    private List<Object[]> clauses() {
        List<Object[]> out = new ArrayList<>();
        add(out, "m.channel", channels);
        add(out, "m.priority", priorities);
        add(out, "coalesce(m.agent_id, '(none)')", agentIds);
        add(out, "coalesce(m.team_id, '(none)')", teamIds);
        add(out, "m.customer_id", customerIds);
        return out;
    }

    private static void add(List<Object[]> out, String column, List<String> values) {
        if (values != null && !values.isEmpty()) {
            out.add(new Object[] {column, values});
        }
    }

    /** " AND col = ANY(?) ..." for the restricting dimensions. */
    String sql() {
        StringBuilder sb = new StringBuilder();
        for (Object[] c : clauses()) {
            sb.append(" AND ").append(c[0]).append(" = ANY(?)");
        }
        return sb.toString();
    }

    /** Binds the values of {@link #sql()} from parameter {@code index}; returns the next free index. */
    @SuppressWarnings("unchecked")
    int bind(PreparedStatement ps, int index) throws SQLException {
        for (Object[] c : clauses()) {
            Jdbc.setTextArray(ps, index++, (List<String>) c[1]);
        }
        return index;
    }
}
