package org.openkpi.retention.observability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;

/**
 * How far behind revenue-service's change feed this service is, as Prometheus gauges read from {@code feed_state}
 * at scrape time (README "Observability"). Per-tenant tags would be unbounded, so each gauge is an aggregate over the
 * tenants (the per-tenant detail is the feed status query); every replica reports the same values (they share the
 * database), so aggregate them with max, not sum:
 * <ul>
 * <li>{@code kpi_feed_lag_seconds}: now minus the recordedAt of the newest applied entry, for the tenant furthest
 * behind (max over tenants; tenants with no entry applied yet do not count);</li>
 * <li>{@code kpi_feed_applied_timestamp_seconds}: that recordedAt itself (Unix seconds; min over tenants), so
 * {@code time() - kpi_feed_applied_timestamp_seconds} is the lag as of the scrape;</li>
 * <li>{@code kpi_feed_tenants_pending}: tenants with entries known to be waiting (the last read page said hasMore);</li>
 * <li>{@code kpi_feed_tenants_failing}: tenants whose last feed read failed (revenue-service down or refusing);</li>
 * <li>{@code kpi_feed_tenants}: tenants with a feed state.</li>
 * </ul>
 * A scrape runs these small aggregate queries on a worker thread (the Prometheus route is blocking); if the database
 * cannot answer, the gauges are NaN.
 */
@ApplicationScoped
public class FeedLagMetrics {

    private static final Logger LOG = Logger.getLogger(FeedLagMetrics.class);

    private final DataSource dataSource;
    private final Clock clock;

    public FeedLagMetrics(DataSource dataSource, Clock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    void register(@Observes StartupEvent started, MeterRegistry registry) {
        Gauge.builder("kpi.feed.lag", this, FeedLagMetrics::lagSeconds).baseUnit("seconds")
                .description("Seconds since the recordedAt of the newest applied change-feed entry, for the tenant furthest behind")
                .strongReference(true).register(registry);
        Gauge.builder("kpi.feed.applied.timestamp", this, FeedLagMetrics::appliedTimestamp).baseUnit("seconds")
                .description("recordedAt (Unix seconds) of the newest applied change-feed entry, min over tenants")
                .strongReference(true).register(registry);
        Gauge.builder("kpi.feed.tenants.pending", this, m -> m.number("SELECT count(*) FROM feed_state WHERE pending"))
                .description("Tenants with change-feed entries known to be pending").strongReference(true).register(registry);
        Gauge.builder("kpi.feed.tenants.failing", this, m -> m.number("SELECT count(*) FROM feed_state WHERE last_error IS NOT NULL"))
                .description("Tenants whose last change-feed read failed").strongReference(true).register(registry);
        Gauge.builder("kpi.feed.tenants", this, m -> m.number("SELECT count(*) FROM feed_state"))
                .description("Tenants with a change-feed state").strongReference(true).register(registry);
    }

    double lagSeconds() {
        double applied = appliedTimestamp();
        return Double.isNaN(applied) ? Double.NaN : Math.max(0, clock.millis() / 1000.0 - applied);
    }

    double appliedTimestamp() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT min(newest_recorded_at) FROM feed_state");
                ResultSet rs = ps.executeQuery()) {
            Timestamp oldest = rs.next() ? rs.getTimestamp(1) : null;
            return oldest == null ? Double.NaN : oldest.toInstant().toEpochMilli() / 1000.0;
        } catch (SQLException e) {
            LOG.debugf(e, "feed lag not read");
            return Double.NaN;
        }
    }

    private double number(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : Double.NaN;
        } catch (SQLException e) {
            LOG.debugf(e, "feed gauge not read");
            return Double.NaN;
        }
    }
}
