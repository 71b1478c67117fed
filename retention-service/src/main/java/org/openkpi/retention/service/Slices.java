package org.openkpi.retention.service;

import java.util.ArrayList;
import java.util.List;

import org.openkpi.retention.api.error.ApiException;
import org.openkpi.retention.api.model.RetentionDimension;
import org.openkpi.retention.api.model.RetentionFilterInput;
import org.openkpi.retention.ledger.Dim;
import org.openkpi.retention.repository.RollupRepository.Slice;

/** Which rollup slice answers a filter and group-by: at most one dimension, the others are not combinable from rollups. */
final class Slices {

    static final String NONE_LABEL = "(none)";

    private Slices() {
    }

    static Slice of(RetentionFilterInput filter, RetentionDimension groupBy) {
        Dim dim = groupBy == null ? null : Dim.valueOf(groupBy.name());
        List<String> values = null;
        if (filter != null) {
            Dim[] dims = { Dim.PLAN, Dim.COUNTRY, Dim.SEGMENT, Dim.CHANNEL };
            List<List<String>> lists = List.of(nz(filter.plans()), nz(filter.countries()), nz(filter.segments()), nz(filter.channels()));
            for (int i = 0; i < dims.length; i++) {
                if (lists.get(i).isEmpty()) {
                    continue;
                }
                if (dim != null && dim != dims[i]) {
                    throw ApiException.validation("filter", "filter and groupBy may involve at most one dimension (got "
                            + dim + " and " + dims[i] + ")");
                }
                dim = dims[i];
                values = new ArrayList<>();
                for (String v : lists.get(i)) {
                    if (v == null || v.length() > Fields.MAX_ID_LENGTH || !Fields.isPrintable(v)) {
                        throw ApiException.validation("filter", "values are 1 to " + Fields.MAX_ID_LENGTH
                                + " characters without control characters");
                    }
                    values.add(NONE_LABEL.equals(v) ? "" : v);
                }
            }
        }
        return dim == null ? Slice.ALL : new Slice(dim, values);
    }

    private static List<String> nz(List<String> l) {
        return l == null ? List.of() : l;
    }

    static String label(String value) {
        return value.isEmpty() ? NONE_LABEL : value;
    }
}
