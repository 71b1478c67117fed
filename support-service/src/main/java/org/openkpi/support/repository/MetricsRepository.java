package org.openkpi.support.repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.engine.CsatFact;
import org.openkpi.support.engine.Derivation;
import org.openkpi.support.engine.OpenInterval;
import org.openkpi.support.engine.TicketMetrics;
import org.openkpi.support.tenant.TenantId;

/** The derived per-ticket table (ticket_metrics) and open spans (ticket_open_interval). */
@ApplicationScoped
public class MetricsRepository {

    private static final String COLUMNS = "m.ticket_id, m.customer_id, m.channel, m.priority, m.agent_id, m.team_id,"
            + " m.created_at, m.created_day, m.frt_day, m.frt_cal_s, m.frt_bh_s, m.fres_day, m.fres_cal_s, m.fres_bh_s,"
            + " m.res_day, m.res_cal_s, m.res_bh_s, m.resolved_by, m.agent_replies, m.frt_breach, m.res_breach, m.is_open";

    private final Jdbc jdbc;

    public MetricsRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public Map<String, TicketMetrics> find(TenantId tenant, Collection<String> ticketIds) {
        Map<String, TicketMetrics> out = new HashMap<>();
        jdbc.each("SELECT " + COLUMNS + " FROM ticket_metrics m WHERE m.tenant_id = ? AND m.ticket_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, ticketIds);
        }, rs -> {
            TicketMetrics m = map(rs);
            out.put(m.ticketId(), m);
        });
        return out;
    }

    public Map<String, List<OpenInterval>> intervals(TenantId tenant, Collection<String> ticketIds) {
        Map<String, List<OpenInterval>> out = new HashMap<>();
        jdbc.each("SELECT ticket_id, opened_at, closed_at FROM ticket_open_interval WHERE tenant_id = ? AND ticket_id = ANY(?)",
                ps -> {
                    ps.setString(1, tenant.value());
                    Jdbc.setTextArray(ps, 2, ticketIds);
                }, rs -> out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new OpenInterval(rs.getTimestamp(2).toInstant(), instant(rs, 3))));
        return out;
    }

    /** Replaces the derived rows of the given tickets. */
    public void replace(TenantId tenant, Collection<String> ticketIds, Collection<Derivation> derivations) {
        jdbc.update("DELETE FROM ticket_metrics WHERE tenant_id = ? AND ticket_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, ticketIds);
        });
        jdbc.update("DELETE FROM ticket_open_interval WHERE tenant_id = ? AND ticket_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, ticketIds);
        });
        jdbc.copyIn("ticket_metrics (tenant_id, ticket_id, customer_id, channel, priority, agent_id, team_id, created_at,"
                + " created_day, frt_day, frt_cal_s, frt_bh_s, fres_day, fres_cal_s, fres_bh_s, res_day, res_cal_s, res_bh_s,"
                + " resolved_by, agent_replies, frt_breach, res_breach, is_open)", derivations, (row, d) -> {
                    TicketMetrics m = d.metrics();
                    row.add(tenant.value()).add(m.ticketId()).add(m.customerId()).add(m.channel()).add(m.priority())
                            .add(m.agentId()).add(m.teamId()).add(m.createdAt()).add(m.createdDay()).add(m.frtDay())
                            .add(m.frtCal()).add(m.frtBh()).add(m.firstResDay()).add(m.firstResCal()).add(m.firstResBh())
                            .add(m.resDay()).add(m.resCal()).add(m.resBh()).add(m.resolvedBy()).add(m.agentReplies())
                            .add(m.frtBreach()).add(m.resBreach()).add(m.open());
                });
        List<Object[]> spans = new ArrayList<>();
        for (Derivation d : derivations) {
            for (OpenInterval i : d.intervals()) {
                spans.add(new Object[] {d.metrics().ticketId(), i.openedAt(), i.closedAt()});
            }
        }
        jdbc.copyIn("ticket_open_interval (tenant_id, ticket_id, opened_at, closed_at)", spans,
                (row, s) -> row.add(tenant.value()).add(s[0]).add(s[1]).add(s[2]));
    }

    /** Tickets whose agent is one of the given agents. */
    public List<String> ticketsOfAgents(TenantId tenant, Collection<String> agentIds) {
        return jdbc.list("SELECT ticket_id FROM ticket_metrics WHERE tenant_id = ? AND agent_id = ANY(?)", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, agentIds);
        }, rs -> rs.getString(1));
    }

    /**
     * Streams the filtered tickets with their CSAT responses and open spans (the path for filters and
     * groupings the rollups do not hold). Cost: O(tickets matching the filter).
     */
    public void scan(TenantId tenant, TicketFilter filter, BiConsumer<TicketMetrics, Extras> consumer) {
        Map<String, Extras> extras = new HashMap<>();
        jdbc.each("SELECT c.ticket_id, c.rating, c.responded_at FROM csat_response c JOIN ticket_metrics m"
                + " ON m.tenant_id = c.tenant_id AND m.ticket_id = c.ticket_id WHERE c.tenant_id = ?" + filter.sql(), ps -> {
                    ps.setString(1, tenant.value());
                    filter.bind(ps, 2);
                }, rs -> extras.computeIfAbsent(rs.getString(1), k -> new Extras()).csat
                        .add(new CsatFact(rs.getInt(2), rs.getTimestamp(3).toInstant())));
        jdbc.each("SELECT i.ticket_id, i.opened_at, i.closed_at FROM ticket_open_interval i JOIN ticket_metrics m"
                + " ON m.tenant_id = i.tenant_id AND m.ticket_id = i.ticket_id WHERE i.tenant_id = ?" + filter.sql(), ps -> {
                    ps.setString(1, tenant.value());
                    filter.bind(ps, 2);
                }, rs -> extras.computeIfAbsent(rs.getString(1), k -> new Extras()).intervals
                        .add(new OpenInterval(rs.getTimestamp(2).toInstant(), instant(rs, 3))));
        Extras none = new Extras();
        jdbc.each("SELECT " + COLUMNS + " FROM ticket_metrics m WHERE m.tenant_id = ?" + filter.sql(), ps -> {
            ps.setString(1, tenant.value());
            filter.bind(ps, 2);
        }, rs -> {
            TicketMetrics m = map(rs);
            consumer.accept(m, extras.getOrDefault(m.ticketId(), none));
        });
    }

    /** A ticket's CSAT responses and open spans. */
    public static final class Extras {
        public final List<CsatFact> csat = new ArrayList<>();
        public final List<OpenInterval> intervals = new ArrayList<>();
    }

    /**
     * Open spans that started (sign +1) or ended (sign -1) in [from, to], counted per ticket dimension
     * column {@code column} (null: in total): the same-day part of a backlog.
     */
    public Map<String, Long> spanEdges(TenantId tenant, String edgeColumn, String groupColumn, Instant from, Instant to) {
        Map<String, Long> out = new HashMap<>();
        String group = groupColumn == null ? "''" : "coalesce(m." + groupColumn + ", '(none)')";
        jdbc.each("SELECT " + group + ", count(*) FROM ticket_open_interval i JOIN ticket_metrics m"
                + " ON m.tenant_id = i.tenant_id AND m.ticket_id = i.ticket_id"
                + " WHERE i.tenant_id = ? AND i." + edgeColumn + " >= ? AND i." + edgeColumn + " <= ? GROUP BY 1", ps -> {
                    ps.setString(1, tenant.value());
                    ps.setTimestamp(2, Timestamp.from(from));
                    ps.setTimestamp(3, Timestamp.from(to));
                }, rs -> out.put(rs.getString(1), rs.getLong(2)));
        return out;
    }

    /** Open tickets of a customer now. */
    public long openTickets(TenantId tenant, String customerId) {
        return jdbc.list("SELECT count(*) FROM ticket_metrics WHERE tenant_id = ? AND customer_id = ? AND is_open", ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
        }, rs -> rs.getLong(1)).get(0);
    }

    /** Whether the tenant has any ticket of the customer (the federated Customer's support field is null otherwise). */
    public boolean customerKnown(TenantId tenant, String customerId) {
        return jdbc.list("SELECT EXISTS (SELECT 1 FROM ticket_metrics WHERE tenant_id = ? AND customer_id = ?)", ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, customerId);
        }, rs -> rs.getBoolean(1)).get(0);
    }

    private static TicketMetrics map(ResultSet rs) throws SQLException {
        return new TicketMetrics(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant(), date(rs, 8), date(rs, 9), lng(rs, 10), lng(rs, 11),
                date(rs, 12), lng(rs, 13), lng(rs, 14), date(rs, 15), lng(rs, 16), lng(rs, 17), rs.getString(18), rs.getInt(19),
                bool(rs, 20), bool(rs, 21), rs.getBoolean(22));
    }

    private static LocalDate date(ResultSet rs, int i) throws SQLException {
        return rs.getObject(i, LocalDate.class);
    }

    private static Long lng(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet rs, int i) throws SQLException {
        boolean v = rs.getBoolean(i);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, int i) throws SQLException {
        Timestamp t = rs.getTimestamp(i);
        return t == null ? null : t.toInstant();
    }
}
