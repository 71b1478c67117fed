package org.openkpi.revenue.repository;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.engine.MovementKind;
import org.openkpi.revenue.tenant.TenantId;

@ApplicationScoped
public class FeedRepository {

    public enum EntryType {
        MOVEMENT, REVERSAL
    }

    public record FeedRow(long seq, EntryType type, Long reversesSeq, String customerId, LocalDate day, MovementKind kind,
            BigDecimal fromMrr, BigDecimal toMrr, String planCode, String country, String segment, String channel,
            Instant recordedAt) {
    }

    private final Jdbc jdbc;

    public FeedRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Reserves {@code n} sequence numbers, ascending. */
    public long[] reserve(int n) {
        if (n == 0) {
            return new long[0];
        }
        List<Long> seqs = jdbc.list("SELECT nextval('change_feed_seq') FROM generate_series(1, ?) ORDER BY 1",
                ps -> ps.setInt(1, n), rs -> rs.getLong(1));
        return seqs.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Records reversal entries. A MOVEMENT entry is not inserted: while its movement is in the customer ledger, the
     * ledger row is the entry (see V4__change_feed_from_ledger.sql and {@link LedgerRepository#retireCustomerMovements}).
     */
    public void insertReversals(TenantId tenant, Collection<FeedRow> rows) {
        if (rows.stream().anyMatch(r -> r.type() != EntryType.REVERSAL)) {
            throw new IllegalArgumentException("only reversals are recorded here");
        }
        jdbc.copyIn("change_feed_retired (seq, tenant_id, entry_type, reverses_seq, customer_id, day, kind, from_mrr, to_mrr, plan_code,"
                + " country, segment, channel)", rows, (row, r) -> row.add(r.seq()).add(tenant.value()).add(r.type())
                        .add(r.reversesSeq()).add(r.customerId()).add(r.day()).add(r.kind()).add(r.fromMrr()).add(r.toMrr())
                        .add(r.planCode()).add(r.country()).add(r.segment()).add(r.channel()));
    }

    /** Up to {@code limit} entries after {@code afterSeq}, in order (the view change_feed: retired entries and the ledger's). */
    public List<FeedRow> page(TenantId tenant, long afterSeq, int limit) {
        return jdbc.list("""
                SELECT seq, entry_type, reverses_seq, customer_id, day, kind, from_mrr, to_mrr, plan_code, country, segment,
                       channel, recorded_at
                FROM change_feed WHERE tenant_id = ? AND seq > ? ORDER BY seq LIMIT ?
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setLong(2, afterSeq);
            ps.setInt(3, limit);
        }, rs -> {
            long reverses = rs.getLong(3);
            Long reversesSeq = rs.wasNull() ? null : reverses;
            return new FeedRow(rs.getLong(1), EntryType.valueOf(rs.getString(2)), reversesSeq, rs.getString(4),
                    rs.getDate(5).toLocalDate(), MovementKind.valueOf(rs.getString(6)), rs.getBigDecimal(7),
                    rs.getBigDecimal(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12),
                    rs.getTimestamp(13).toInstant());
        });
    }
}
