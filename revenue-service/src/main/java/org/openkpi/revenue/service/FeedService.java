package org.openkpi.revenue.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.revenue.api.error.ApiException;
import org.openkpi.revenue.api.error.ErrorCode;
import org.openkpi.revenue.api.model.ChangeFeedPage;
import org.openkpi.revenue.api.model.FeedEntry;
import org.openkpi.revenue.api.model.FeedEntryType;
import org.openkpi.revenue.api.model.MovementKind;
import org.openkpi.revenue.repository.FeedRepository;
import org.openkpi.revenue.repository.FeedRepository.FeedRow;
import org.openkpi.revenue.repository.SettingsRepository;
import org.openkpi.revenue.tenant.TenantId;

/** Pages of the MRR change feed, in sequence order, for consumers that store a cursor. */
@ApplicationScoped
public class FeedService {

    public static final int DEFAULT_PAGE = 500;
    public static final int MAX_PAGE = 5000;

    private final FeedRepository feed;
    private final SettingsRepository settings;

    public FeedService(FeedRepository feed, SettingsRepository settings) {
        this.feed = feed;
        this.settings = settings;
    }

    public ChangeFeedPage page(TenantId tenant, String after, Integer first) {
        int limit = first == null ? DEFAULT_PAGE : first;
        if (limit < 1 || limit > MAX_PAGE) {
            throw new ApiException(ErrorCode.LIMIT_EXCEEDED, "first must be between 1 and " + MAX_PAGE, null, "first");
        }
        long afterSeq = 0;
        if (after != null && !after.isBlank()) {
            try {
                afterSeq = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw ApiException.validation("after", "malformed cursor '" + after + "'");
            }
        }
        String currency = settings.find(tenant).reportingCurrency();
        List<FeedRow> rows = feed.page(tenant, afterSeq, limit + 1);
        boolean more = rows.size() > limit;
        List<FeedEntry> entries = rows.subList(0, Math.min(limit, rows.size())).stream().map(r -> new FeedEntry(
                Long.toString(r.seq()), FeedEntryType.valueOf(r.type().name()),
                r.reversesSeq() == null ? null : Long.toString(r.reversesSeq()), r.customerId(), r.day(),
                MovementKind.valueOf(r.kind().name()), r.fromMrr(), r.toMrr(), currency, r.planCode(), r.country(),
                r.segment(), r.channel(), r.recordedAt())).toList();
        String end = entries.isEmpty() ? (afterSeq == 0 ? null : Long.toString(afterSeq)) : entries.get(entries.size() - 1).cursor();
        return new ChangeFeedPage(entries, end, more);
    }
}
