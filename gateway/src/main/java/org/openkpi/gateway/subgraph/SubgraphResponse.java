package org.openkpi.gateway.subgraph;

import java.util.List;
import java.util.Map;

/**
 * What a domain service answered: its {@code data} (null when it returned none) and its {@code errors}, as plain
 * Java values (maps, lists, strings, BigDecimal/Long numbers, booleans).
 */
public record SubgraphResponse(String service, Map<String, Object> data, List<Map<String, Object>> errors) {

    public SubgraphResponse {
        errors = errors == null ? List.of() : errors;
    }
}
