package org.openkpi.support.repository;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.support.tenant.TenantId;

/**
 * The customers with a support risk signal at a day, in customer order, one page per call. Candidates come from indexed
 * windows only: the tickets created in the 60 days before asOf (ticket_metrics by created_day) and the CSAT responses of the
 * 90 days before it (by responded_at); open tickets are then counted for the page's customers only.
 */
@ApplicationScoped
public class RiskSignalRepository {

    /** One flagged customer's raw figures. */
    public record Row(String customerId, int ticketsLast30, int ticketsPrevious30, long csatResponses, long csatSatisfied,
            int openTickets) {
    }

    private static final String SQL = """
            WITH t AS (
              SELECT customer_id,
                     count(*) FILTER (WHERE created_day >= ?) AS last30,
                     count(*) FILTER (WHERE created_day < ?) AS prev30
              FROM ticket_metrics
              WHERE tenant_id = ? AND created_day >= ? AND created_day < ? AND customer_id > ?
              GROUP BY customer_id),
            c AS (
              SELECT m.customer_id, count(*) AS n, count(*) FILTER (WHERE r.rating >= 4) AS ok
              FROM csat_response r JOIN ticket_metrics m ON m.tenant_id = r.tenant_id AND m.ticket_id = r.ticket_id
              WHERE r.tenant_id = ? AND r.responded_at >= ? AND r.responded_at < ? AND m.customer_id > ?
              GROUP BY m.customer_id),
            cand AS (
              SELECT customer_id FROM t WHERE last30 >= 3 AND last30 >= 2 * prev30
              UNION SELECT customer_id FROM c WHERE n >= 2 AND ok * 2 < n)
            SELECT cand.customer_id, coalesce(t.last30, 0), coalesce(t.prev30, 0), coalesce(c.n, 0), coalesce(c.ok, 0),
                   (SELECT count(*) FROM ticket_metrics m JOIN ticket_open_interval i ON i.tenant_id = m.tenant_id AND i.ticket_id = m.ticket_id
                    WHERE m.tenant_id = ? AND m.customer_id = cand.customer_id AND i.opened_at <= ? AND (i.closed_at IS NULL OR i.closed_at > ?))
            FROM cand
            LEFT JOIN t ON t.customer_id = cand.customer_id
            LEFT JOIN c ON c.customer_id = cand.customer_id
            ORDER BY cand.customer_id
            LIMIT ?
            """;

    private final Jdbc jdbc;

    public RiskSignalRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} flagged customers after {@code after} (exclusive; "" for the first page). */
    public List<Row> page(TenantId tenant, LocalDate asOf, ZoneId zone, String after, int limit) {
        Timestamp asOfStart = Timestamp.from(asOf.atStartOfDay(zone).toInstant());
        Timestamp from90 = Timestamp.from(asOf.minusDays(90).atStartOfDay(zone).toInstant());
        return jdbc.list(SQL, ps -> {
            String t = tenant.value();
            int i = 0;
            ps.setDate(++i, Date.valueOf(asOf.minusDays(30)));
            ps.setDate(++i, Date.valueOf(asOf.minusDays(30)));
            ps.setString(++i, t);
            ps.setDate(++i, Date.valueOf(asOf.minusDays(60)));
            ps.setDate(++i, Date.valueOf(asOf));
            ps.setString(++i, after);
            ps.setString(++i, t);
            ps.setTimestamp(++i, from90);
            ps.setTimestamp(++i, asOfStart);
            ps.setString(++i, after);
            ps.setString(++i, t);
            ps.setTimestamp(++i, asOfStart);
            ps.setTimestamp(++i, asOfStart);
            ps.setInt(++i, limit);
        }, rs -> new Row(rs.getString(1), rs.getInt(2), rs.getInt(3), rs.getLong(4), rs.getLong(5), rs.getInt(6)));
    }
}
