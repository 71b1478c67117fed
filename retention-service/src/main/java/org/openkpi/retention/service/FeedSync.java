package org.openkpi.retention.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import java.util.Optional;

import org.openkpi.retention.feed.FeedClient;
import org.openkpi.retention.feed.FeedCredentials;
import org.openkpi.retention.feed.FeedPage;
import org.openkpi.retention.feed.FeedUnavailableException;
import org.openkpi.retention.repository.FeedStateRepository;
import org.openkpi.retention.tenant.TenantId;

/**
 * Catches a tenant up with revenue-service's change feed, on demand, with the token {@link FeedAccess} chooses: page after
 * page from the stored cursor, each applied in its own transaction, bounded by a number of pages and a time
 * budget (what is left shows as pending in the feed status). If revenue-service cannot be reached, the error
 * is stored for the feed status, a warning is logged and the caller answers from stored data.
 */
@ApplicationScoped
public class FeedSync {

    private static final Logger LOG = Logger.getLogger(FeedSync.class);

    private final FeedClient client;
    private final FeedApplier applier;
    private final FeedStateRepository state;
    private final Clock clock;
    private final int pageSize;
    private final int maxPages;
    private final Duration budget;
    private final boolean onRequest;
    private final Duration minInterval;
    private final java.util.concurrent.ConcurrentHashMap<String, Instant> lastOnRequest = new java.util.concurrent.ConcurrentHashMap<>();

    public FeedSync(FeedClient client, FeedApplier applier, FeedStateRepository state, Clock clock,
            @ConfigProperty(name = "kpi.feed.page-size", defaultValue = "1000") int pageSize,
            @ConfigProperty(name = "kpi.feed.max-pages-per-sync", defaultValue = "20") int maxPages,
            @ConfigProperty(name = "kpi.feed.sync-budget", defaultValue = "3s") Duration budget,
            @ConfigProperty(name = "kpi.feed.sync-on-request", defaultValue = "true") boolean onRequest,
            @ConfigProperty(name = "kpi.feed.min-interval-on-request", defaultValue = "2s") Duration minInterval) {
        this.client = client;
        this.applier = applier;
        this.state = state;
        this.clock = clock;
        this.pageSize = pageSize;
        this.maxPages = maxPages;
        this.budget = budget;
        this.onRequest = onRequest;
        this.minInterval = minInterval;
    }

    /**
     * The catch-up done before a query or an ingestion (unless kpi.feed.sync-on-request is false), at most once per
     * kpi.feed.min-interval-on-request and tenant in this instance (a dashboard firing ten queries reads the feed once).
     */
    public void beforeRequest(TenantId tenant, FeedAccess access) {
        if (!onRequest) {
            return;
        }
        Instant now = clock.instant();
        Instant last = lastOnRequest.get(tenant.value());
        if (last != null && now.isBefore(last.plus(minInterval))) {
            return;
        }
        lastOnRequest.put(tenant.value(), now);
        catchUp(tenant, access);
    }

    /** @return entries applied (0 also when the caller's request has no token to read the feed with: skipped) */
    public long catchUp(TenantId tenant, FeedAccess access) {
        Instant deadline = clock.instant().plus(budget);
        long applied = 0;
        try {
            Optional<FeedCredentials> chosen = access.credentials(tenant);
            if (chosen.isEmpty()) {
                lastOnRequest.remove(tenant.value()); // the next request that can read the feed catches up at once
                LOG.debugf("tenant %s: no token may read the change feed for this request, catch-up skipped", tenant);
                return 0;
            }
            FeedCredentials credentials = chosen.get();
            int pages = 0;
            int stale = 0;
            while (pages < maxPages) {
                long t0 = System.nanoTime();
                FeedPage page = client.page(credentials, state.find(tenant).cursor(), pageSize);
                long t1 = System.nanoTime();
                int n = applier.apply(tenant, page);
                LOG.debugf("tenant %s: page of %d read in %d ms, %d applied in %d ms", tenant, page.entries().size(),
                        (t1 - t0) / 1_000_000, n, (System.nanoTime() - t1) / 1_000_000);
                applied += n;
                if (n == 0 && page.hasMore() && !page.entries().isEmpty() && stale < 3) {
                    stale++; // a page delivered again: read on from the stored cursor, without counting it
                    continue;
                }
                pages++;
                if (!page.hasMore() || clock.instant().isAfter(deadline)) {
                    break;
                }
            }
        } catch (FeedUnavailableException e) {
            LOG.warnf("tenant %s: change feed not consumed: %s", tenant, e.getMessage());
            applier.recordError(tenant, e.getMessage());
        }
        return applied;
    }
}
