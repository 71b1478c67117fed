package org.openkpi.acquisition.repository;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.acquisition.tenant.TenantId;

/** The consumed revenue-service change feed: the stored cursor and status, and the movements applied. */
@ApplicationScoped
public class FeedRepository {

    public record FeedStateRow(String cursor, long entriesApplied, Instant lastSuccessAt, Instant newestRecordedAt, boolean hasMore,
            String lastError, Instant lastErrorAt) {
        public static final FeedStateRow EMPTY = new FeedStateRow(null, 0, null, null, false, null, null);
    }

    public record MovementRow(String cursor, String customerId, String kind, LocalDate day, String channel) {
    }

    private final Jdbc jdbc;

    public FeedRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public FeedStateRow state(TenantId tenant) {
        List<FeedStateRow> rows = jdbc.list("""
                SELECT cursor, entries_applied, last_success_at, newest_recorded_at, has_more, last_error, last_error_at
                  FROM feed_state WHERE tenant_id = ?""", ps -> ps.setString(1, tenant.value()),
                rs -> new FeedStateRow(rs.getString(1), rs.getLong(2), Jdbc.instant(rs, 3), Jdbc.instant(rs, 4), rs.getBoolean(5),
                        rs.getString(6), Jdbc.instant(rs, 7)));
        return rows.isEmpty() ? FeedStateRow.EMPTY : rows.get(0);
    }

    /** Records the progress of an applied page; clears the last error. */
    public void saveProgress(TenantId tenant, String cursor, int applied, Instant newestRecordedAt, boolean hasMore, Instant now) {
        jdbc.update("""
                INSERT INTO feed_state (tenant_id, cursor, entries_applied, last_success_at, newest_recorded_at, has_more)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET cursor = excluded.cursor,
                  entries_applied = feed_state.entries_applied + excluded.entries_applied, last_success_at = excluded.last_success_at,
                  newest_recorded_at = coalesce(excluded.newest_recorded_at, feed_state.newest_recorded_at),
                  has_more = excluded.has_more, last_error = NULL, last_error_at = NULL
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, cursor);
            ps.setLong(3, applied);
            Jdbc.setInstant(ps, 4, now);
            Jdbc.setInstant(ps, 5, newestRecordedAt);
            ps.setBoolean(6, hasMore);
        });
    }

    public void saveError(TenantId tenant, String error, Instant now) {
        jdbc.update("""
                INSERT INTO feed_state (tenant_id, last_error, last_error_at) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, error);
            Jdbc.setInstant(ps, 3, now);
        });
    }

    public void insertMovements(TenantId tenant, Collection<MovementRow> rows) {
        jdbc.batch("""
                INSERT INTO feed_movement (tenant_id, cursor, customer_id, kind, day, channel) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, cursor) DO NOTHING
                """, rows, (ps, r) -> {
            ps.setString(1, tenant.value());
            ps.setString(2, r.cursor());
            ps.setString(3, r.customerId());
            ps.setString(4, r.kind());
            Jdbc.setDate(ps, 5, r.day());
            ps.setString(6, r.channel());
        });
    }

    /** Marks the movements of these cursors reversed; returns their customers. */
    public List<String> reverse(TenantId tenant, Collection<String> cursors) {
        if (cursors.isEmpty()) {
            return List.of();
        }
        return jdbc.list("UPDATE feed_movement SET reversed = true WHERE tenant_id = ? AND cursor = ANY(?) RETURNING customer_id", ps -> {
            ps.setString(1, tenant.value());
            Jdbc.setTextArray(ps, 2, cursors);
        }, rs -> rs.getString(1));
    }
}
