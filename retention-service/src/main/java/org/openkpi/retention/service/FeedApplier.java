package org.openkpi.retention.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.openkpi.retention.feed.Cursors;
import org.openkpi.retention.feed.FeedItem;
import org.openkpi.retention.feed.FeedPage;
import org.openkpi.retention.ledger.Contributions;
import org.openkpi.retention.ledger.LedgerRow;
import org.openkpi.retention.repository.FeedStateRepository;
import org.openkpi.retention.repository.LedgerRepository;
import org.openkpi.retention.repository.RollupRepository;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.repository.TenantLock;
import org.openkpi.retention.tenant.TenantId;

/**
 * Applies one page of the change feed in one transaction under the tenant's lock: entries at or before the
 * stored cursor are skipped (a page delivered twice, or two concurrent catch-ups, change nothing), movements
 * enter the ledger, reversals delete the movement they cancel, the touched customers' rollup contributions are
 * replaced (old subtracted, new added) and the cursor of the last applied entry is stored with them.
 */
@ApplicationScoped
public class FeedApplier {

    private static final Logger LOG = Logger.getLogger(FeedApplier.class);

    private final TenantLock lock;
    private final FeedStateRepository state;
    private final LedgerRepository ledger;
    private final RollupRepository rollups;
    private final SettingsRepository settings;
    private final Clock clock;

    public FeedApplier(TenantLock lock, FeedStateRepository state, LedgerRepository ledger, RollupRepository rollups,
            SettingsRepository settings, Clock clock) {
        this.lock = lock;
        this.state = state;
        this.ledger = ledger;
        this.rollups = rollups;
        this.settings = settings;
        this.clock = clock;
    }

    /** @return the number of entries applied (0 when every entry was already applied) */
    @Transactional
    public int apply(TenantId tenant, FeedPage page) {
        lock.lock(tenant);
        String stored = state.find(tenant).cursor();
        List<FeedItem> fresh = new ArrayList<>();
        String last = stored;
        for (FeedItem item : page.entries()) {
            if (!Cursors.atOrBefore(item.cursor(), last)) {
                fresh.add(item);
                last = item.cursor();
            }
        }
        Instant now = clock.instant();
        if (fresh.isEmpty()) {
            state.saveApplied(tenant, null, 0, null, page.hasMore(), now);
            return 0;
        }
        Set<String> affected = new LinkedHashSet<>();
        fresh.forEach(i -> affected.add(i.customerId()));
        Map<String, List<LedgerRow>> before = ledger.byCustomers(tenant, affected);

        // the page's net effect on the ledger: inserts (in order) and deletions of earlier movements
        Map<String, FeedItem> inserts = new LinkedHashMap<>();
        Set<String> deletes = new HashSet<>();
        List<FeedItem> reversals = new ArrayList<>();
        Instant newest = null;
        for (FeedItem item : fresh) {
            newest = newest == null || item.recordedAt().isAfter(newest) ? item.recordedAt() : newest;
            if (item.reversal()) {
                reversals.add(item);
                if (item.reversesCursor() == null) {
                    LOG.warnf("tenant %s: reversal %s names no movement; ignored", tenant, item.cursor());
                } else if (inserts.remove(item.reversesCursor()) == null) {
                    deletes.add(item.reversesCursor());
                }
            } else {
                inserts.put(item.cursor(), item);
            }
        }
        Map<String, List<LedgerRow>> after = new HashMap<>();
        for (String c : affected) {
            List<LedgerRow> rows = new ArrayList<>();
            for (LedgerRow r : before.getOrDefault(c, List.of())) {
                if (!deletes.contains(r.cursor())) {
                    rows.add(r);
                }
            }
            after.put(c, rows);
        }
        for (FeedItem m : inserts.values()) {
            after.get(m.customerId()).add(new LedgerRow(m.cursor(), m.customerId(), m.day(), m.kind(), m.fromMrr(), m.toMrr(),
                    m.planCode(), m.country(), m.segment(), m.channel()));
        }
        ledger.delete(tenant, deletes);
        ledger.insert(tenant, inserts.values());
        ledger.insertReversals(tenant, reversals);

        Contributions delta = new Contributions();
        for (String c : affected) {
            delta.add(Contributions.sorted(before.getOrDefault(c, List.of())), -1);
            delta.add(Contributions.sorted(after.get(c)), +1);
        }
        rollups.apply(tenant, delta);
        settings.saveCurrency(tenant, fresh.get(fresh.size() - 1).currency());
        state.saveApplied(tenant, last, fresh.size(), newest, page.hasMore(), now);
        return fresh.size();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recordError(TenantId tenant, String error) {
        state.saveError(tenant, error, clock.instant());
    }
}
