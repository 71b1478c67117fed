package org.openkpi.retention.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.tenant.TenantId;

/** The stored consumption state of revenue-service's change feed, one row per tenant. */
@ApplicationScoped
public class FeedStateRepository {

    public record FeedState(String cursor, long entriesApplied, Instant newestRecordedAt, boolean pending, Instant lastSyncAt,
            String lastError, Instant lastErrorAt) {
        public static final FeedState EMPTY = new FeedState(null, 0, null, false, null, null, null);
    }

    private final Jdbc jdbc;

    public FeedStateRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    public FeedState find(TenantId tenant) {
        List<FeedState> rows = jdbc.list("""
                SELECT feed_cursor, entries_applied, newest_recorded_at, pending, last_sync_at, last_error, last_error_at
                FROM feed_state WHERE tenant_id = ?
                """, ps -> ps.setString(1, tenant.value()), rs -> new FeedState(rs.getString(1), rs.getLong(2),
                instant(rs.getTimestamp(3)), rs.getBoolean(4), instant(rs.getTimestamp(5)), rs.getString(6),
                instant(rs.getTimestamp(7))));
        return rows.isEmpty() ? FeedState.EMPTY : rows.get(0);
    }

    /** Records a successfully read page: the new cursor (unchanged when null), entries applied, pending, sync time; clears the error. */
    public void saveApplied(TenantId tenant, String cursor, int applied, Instant newestRecordedAt, boolean pending, Instant now) {
        jdbc.update("""
                INSERT INTO feed_state (tenant_id, feed_cursor, entries_applied, newest_recorded_at, pending, last_sync_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET feed_cursor = coalesce(excluded.feed_cursor, feed_state.feed_cursor),
                  entries_applied = feed_state.entries_applied + excluded.entries_applied,
                  newest_recorded_at = greatest(feed_state.newest_recorded_at, excluded.newest_recorded_at),
                  pending = excluded.pending, last_sync_at = excluded.last_sync_at, last_error = null, last_error_at = null
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, cursor);
            ps.setLong(3, applied);
            ps.setTimestamp(4, newestRecordedAt == null ? null : Timestamp.from(newestRecordedAt));
            ps.setBoolean(5, pending);
            ps.setTimestamp(6, Timestamp.from(now));
        });
    }

    public void saveError(TenantId tenant, String error, Instant now) {
        jdbc.update("""
                INSERT INTO feed_state (tenant_id, last_error, last_error_at) VALUES (?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at
                """, ps -> {
            ps.setString(1, tenant.value());
            ps.setString(2, error);
            ps.setTimestamp(3, Timestamp.from(now));
        });
    }
}
