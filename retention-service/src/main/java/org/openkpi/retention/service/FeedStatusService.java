package org.openkpi.retention.service;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.openkpi.retention.api.model.RetentionFeedStatus;
import org.openkpi.retention.repository.FeedStateRepository;
import org.openkpi.retention.repository.FeedStateRepository.FeedState;
import org.openkpi.retention.repository.SettingsRepository;
import org.openkpi.retention.tenant.TenantId;

/** The tenant's change-feed consumption status and lag. */
@ApplicationScoped
public class FeedStatusService {

    private final FeedStateRepository state;
    private final SettingsRepository settings;
    private final Clock clock;

    public FeedStatusService(FeedStateRepository state, SettingsRepository settings, Clock clock) {
        this.state = state;
        this.settings = settings;
        this.clock = clock;
    }

    public RetentionFeedStatus status(TenantId tenant) {
        FeedState s = state.find(tenant);
        Long lag = s.newestRecordedAt() == null ? null : Math.max(0, Duration.between(s.newestRecordedAt(), clock.instant()).getSeconds());
        return new RetentionFeedStatus(s.cursor(), s.entriesApplied(), s.lastSyncAt(), s.pending(), s.newestRecordedAt(), lag, s.lastError(),
                s.lastErrorAt(), settings.find(tenant).currency());
    }
}
