package org.openkpi.gateway.composition;

import java.util.Map;

import graphql.schema.DataFetcher;
import graphql.schema.DataFetchingEnvironment;

/**
 * A field of a service's type: its value is in the service's answer under the field's response key (alias). For a
 * type the gateway defines too (Period, Money, Ratio, ...), objects the gateway built itself go to the gateway's own
 * fetcher.
 */
final class ResultKeyFetcher implements DataFetcher<Object> {

    static final ResultKeyFetcher INSTANCE = new ResultKeyFetcher(null);

    private final DataFetcher<?> own;

    ResultKeyFetcher(DataFetcher<?> own) {
        this.own = own;
    }

    @Override
    public Object get(DataFetchingEnvironment env) throws Exception {
        Object source = env.getSource();
        if (source instanceof Map<?, ?> map) {
            return map.get(env.getMergedField().getResultKey());
        }
        return own == null ? null : own.get(env);
    }
}
