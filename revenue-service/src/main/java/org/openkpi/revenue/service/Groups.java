package org.openkpi.revenue.service;

import org.openkpi.revenue.api.model.RevenueDimension;
import org.openkpi.revenue.repository.StoredMovement;

/** Group keys of ledger rows. A missing attribute is stored as '' and shown as "(none)". */
final class Groups {

    static final String NONE_LABEL = "(none)";

    private Groups() {
    }

    static String key(RevenueDimension groupBy, StoredMovement m) {
        if (groupBy == null) {
            return null;
        }
        String v = switch (groupBy) {
            case PLAN -> m.planCode();
            case COUNTRY -> m.country();
            case SEGMENT -> m.segment();
            case CHANNEL -> m.channel();
        };
        return v == null ? "" : v;
    }

    static String label(String key) {
        return key == null ? null : key.isEmpty() ? NONE_LABEL : key;
    }
}
