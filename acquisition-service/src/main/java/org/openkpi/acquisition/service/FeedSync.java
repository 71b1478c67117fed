package org.openkpi.acquisition.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.openkpi.acquisition.api.error.ApiException;
import org.openkpi.acquisition.api.model.AcquisitionFeedStatus;
import org.openkpi.acquisition.repository.FeedRepository;
import org.openkpi.acquisition.repository.FeedRepository.FeedStateRow;
import org.openkpi.acquisition.service.FeedClient.FeedUnavailableException;
import org.openkpi.acquisition.service.FeedClient.Page;
import org.openkpi.acquisition.tenant.TenantId;

/**
 * Catches a tenant up with revenue-service's change feed, page by page, with the caller's token or the service
 * client's (see {@link FeedCredentials}). Automatic
 * catch-ups (before queries and ingestion) run at most once per {@code kpi.feed.min-interval} per tenant, read at
 * most {@code kpi.feed.max-pages} pages, and never fail the request: a failure is logged and kept in acquisitionFeedStatus.
 */
@ApplicationScoped
public class FeedSync {

    private static final Logger LOG = Logger.getLogger(FeedSync.class);

    private final FeedClient client;
    private final FeedConsumer consumer;
    private final FeedRepository feed;
    private final Clock clock;
    private final boolean autoSync;
    private final Duration minInterval;
    private final int pageSize;
    private final int maxPages;
    private final Map<String, Instant> lastAttempt = new ConcurrentHashMap<>();

    public FeedSync(FeedClient client, FeedConsumer consumer, FeedRepository feed, Clock clock,
            @ConfigProperty(name = "kpi.feed.auto-sync") boolean autoSync,
            @ConfigProperty(name = "kpi.feed.min-interval") Duration minInterval,
            @ConfigProperty(name = "kpi.feed.page-size") int pageSize, @ConfigProperty(name = "kpi.feed.max-pages") int maxPages) {
        this.client = client;
        this.consumer = consumer;
        this.feed = feed;
        this.clock = clock;
        this.autoSync = autoSync;
        this.minInterval = minInterval;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
    }

    /**
     * The automatic catch-up; does nothing when disabled, done recently for this tenant, or when there are no
     * credentials to read the feed with (a writer-only caller and no service client: the next viewer catches up).
     */
    public void catchUpIfDue(TenantId tenant, Supplier<Optional<FeedCredentials>> credentials) {
        if (!autoSync) {
            return;
        }
        Instant now = clock.instant();
        Instant previous = lastAttempt.get(tenant.value());
        if (previous != null && !minInterval.isZero() && previous.plus(minInterval).isAfter(now)) {
            return;
        }
        Optional<FeedCredentials> c = credentials.get();
        if (c.isEmpty()) {
            return;
        }
        lastAttempt.put(tenant.value(), now);
        sync(tenant, c.get(), maxPages, null);
    }

    /**
     * Reads up to {@code pages} pages (default kpi.feed.max-pages) of {@code size} entries (default kpi.feed.page-size);
     * errors are recorded, not thrown.
     */
    public AcquisitionFeedStatus sync(TenantId tenant, FeedCredentials credentials, Integer pages, Integer size) {
        int limit = pages == null ? maxPages : pages;
        if (limit < 1 || limit > 10_000) {
            throw ApiException.validation("maxPages", "must be between 1 and 10000");
        }
        int first = size == null ? pageSize : size;
        if (first < 1 || first > 5000) {
            throw ApiException.validation("pageSize", "must be between 1 and 5000");
        }
        int applied = 0;
        try {
            for (int i = 0; i < limit; i++) {
                Page page = client.fetch(credentials, feed.state(tenant).cursor(), first);
                applied += consumer.apply(tenant, page);
                if (!page.hasMore()) {
                    break;
                }
            }
        } catch (FeedUnavailableException e) {
            LOG.warnf("change feed of tenant %s not read: %s", tenant, e.getMessage());
            consumer.recordError(tenant, e.getMessage());
        }
        return status(tenant, applied);
    }

    public AcquisitionFeedStatus status(TenantId tenant, int appliedNow) {
        FeedStateRow s = feed.state(tenant);
        Double lag = s.newestRecordedAt() == null ? null
                : Duration.between(s.newestRecordedAt(), clock.instant()).toMillis() / 1000.0;
        return new AcquisitionFeedStatus(s.cursor(), s.entriesApplied(), s.lastSuccessAt(), s.newestRecordedAt(), lag, s.hasMore(), s.lastError(),
                s.lastErrorAt(), appliedNow);
    }
}
