package org.openkpi.acquisition.service;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.openkpi.acquisition.repository.CustomerRepository;
import org.openkpi.acquisition.repository.FeedRepository;
import org.openkpi.acquisition.repository.FeedRepository.MovementRow;
import org.openkpi.acquisition.repository.SettingsRepository;
import org.openkpi.acquisition.repository.TenantLock;
import org.openkpi.acquisition.service.FeedClient.Entry;
import org.openkpi.acquisition.service.FeedClient.Page;
import org.openkpi.acquisition.tenant.TenantId;

/**
 * Applies one page of the change feed in one transaction under the tenant lock: re-reads the stored cursor, skips
 * entries at or before it (a page delivered twice or two concurrent catch-ups change nothing), stores the
 * movements, marks reversed ones, re-derives the customers touched and their rollup days, and stores the new
 * cursor with the effects.
 */
@ApplicationScoped
public class FeedConsumer {

    private final TenantLock lock;
    private final FeedRepository feed;
    private final CustomerRepository customers;
    private final SettingsRepository settings;
    private final AttributionService attribution;
    private final Clock clock;

    public FeedConsumer(TenantLock lock, FeedRepository feed, CustomerRepository customers, SettingsRepository settings,
            AttributionService attribution, Clock clock) {
        this.lock = lock;
        this.feed = feed;
        this.customers = customers;
        this.settings = settings;
        this.attribution = attribution;
        this.clock = clock;
    }

    /** @return the number of entries applied (0 when the page held nothing after the stored cursor) */
    @Transactional
    public int apply(TenantId tenant, Page page) {
        lock.lock(tenant);
        String stored = feed.state(tenant).cursor();
        List<MovementRow> movements = new ArrayList<>();
        List<String> reversed = new ArrayList<>();
        Map<String, String> feedChannel = new LinkedHashMap<>();
        Set<String> touched = new LinkedHashSet<>();
        String last = stored;
        Instant newest = null;
        int applied = 0;
        for (Entry e : page.entries()) {
            if (last != null && compare(e.cursor(), last) <= 0) {
                continue;
            }
            if ("REVERSAL".equals(e.type())) {
                if (e.reversesCursor() != null) {
                    reversed.add(e.reversesCursor());
                }
            } else {
                movements.add(new MovementRow(e.cursor(), e.customerId(), e.kind(), e.day(), e.channel()));
                feedChannel.put(e.customerId(), e.channel());
            }
            touched.add(e.customerId());
            last = e.cursor();
            newest = newest == null || e.recordedAt().isAfter(newest) ? e.recordedAt() : newest;
            applied++;
        }
        if (applied > 0) {
            customers.ensure(tenant, feedChannel);
            feed.insertMovements(tenant, movements);
            touched.addAll(feed.reverse(tenant, reversed));
            attribution.refresh(tenant, touched, settings.find(tenant).conversionWindowDays());
        }
        feed.saveProgress(tenant, last, applied, newest, page.hasMore(), clock.instant());
        return applied;
    }

    @Transactional
    public void recordError(TenantId tenant, String error) {
        feed.saveError(tenant, error, clock.instant());
    }

    /** Cursors are opaque but increasing: numeric ones compare as numbers, others as text. */
    static int compare(String a, String b) {
        if (a.chars().allMatch(Character::isDigit) && b.chars().allMatch(Character::isDigit) && !a.isEmpty() && !b.isEmpty()) {
            return new BigInteger(a).compareTo(new BigInteger(b));
        }
        return a.compareTo(b);
    }
}
