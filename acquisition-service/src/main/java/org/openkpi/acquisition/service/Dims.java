package org.openkpi.acquisition.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.openkpi.acquisition.api.error.ApiException;
import org.openkpi.acquisition.api.model.AcquisitionDimension;
import org.openkpi.acquisition.api.model.AcquisitionFilterInput;
import org.openkpi.acquisition.repository.QueryRepository.Filters;

/**
 * The dimensions a query supports (dimension -> column), turning filter input and groupBy into columns. A missing
 * attribute is stored as '' and shown (and filtered) as "(none)".
 */
final class Dims {

    static final String NONE = "(none)";

    private final Map<AcquisitionDimension, String> columns;

    private Dims(Map<AcquisitionDimension, String> columns) {
        this.columns = columns;
    }

    static Dims of(Object... dimensionThenColumn) {
        Map<AcquisitionDimension, String> m = new LinkedHashMap<>();
        for (int i = 0; i < dimensionThenColumn.length; i += 2) {
            m.put((AcquisitionDimension) dimensionThenColumn[i], (String) dimensionThenColumn[i + 1]);
        }
        return new Dims(m);
    }

    static String label(String key) {
        return key == null ? null : key.isEmpty() ? NONE : key;
    }

    String groupColumn(AcquisitionDimension groupBy) {
        if (groupBy == null) {
            return null;
        }
        String c = columns.get(groupBy);
        if (c == null) {
            throw ApiException.validation("groupBy", groupBy + " does not apply to this query (use one of " + columns.keySet() + ")");
        }
        return c;
    }

    Filters filters(AcquisitionFilterInput f) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (f != null) {
            add(out, AcquisitionDimension.CHANNEL, "channels", f.channels());
            add(out, AcquisitionDimension.CAMPAIGN, "campaigns", f.campaigns());
            add(out, AcquisitionDimension.OWNER, "owners", f.owners());
            add(out, AcquisitionDimension.STAGE, "stages", f.stages());
        }
        return new Filters(out);
    }

    private void add(Map<String, List<String>> out, AcquisitionDimension d, String field, List<String> values) {
        if (values == null) {
            return;
        }
        String c = columns.get(d);
        if (c == null) {
            throw ApiException.validation("filter." + field, "does not apply to this query");
        }
        for (String v : values) {
            if (v != null && (v.length() > Fields.MAX_ID_LENGTH || Fields.controlCharacter(v) >= 0)) {
                throw ApiException.validation("filter." + field, "values are at most " + Fields.MAX_ID_LENGTH
                        + " characters without control characters");
            }
        }
        out.put(c, values.stream().map(v -> v == null || v.equals(NONE) ? "" : v.strip()).toList());
    }

    static List<String> stages(AcquisitionFilterInput f) {
        return f == null || f.stages() == null ? null : f.stages();
    }
}
