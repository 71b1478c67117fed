package org.openkpi.support.api.error;

import java.util.LinkedHashMap;
import java.util.Map;

import graphql.execution.AbortExecutionException;

/** Stops an operation before anything runs because of its input: a coded VALIDATION error. */
final class InputRejected extends AbortExecutionException {

    private final Integer index;
    private final String field;

    InputRejected(String message, String field) {
        this(message, null, field);
    }

    InputRejected(String message, Integer index, String field) {
        super(message);
        this.index = index;
        this.field = field;
    }

    @Override
    public Map<String, Object> getExtensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", ErrorCode.VALIDATION.name());
        if (index != null) {
            extensions.put("index", index);
        }
        if (field != null) {
            extensions.put("field", field);
        }
        return extensions;
    }
}
