package org.openkpi.gateway.api.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import jakarta.json.Json;

/**
 * An error a client can act on. Its {@code extensions} carry {@code code}, and for bad batch input the
 * {@code index} of the offending element and the {@code field}.
 */
public final class ApiException extends RuntimeException implements GraphQLError {

    private final ErrorCode code;
    private final Integer index;
    private final String field;

    public ApiException(ErrorCode code, String message) {
        this(code, message, null, null);
    }

    public ApiException(ErrorCode code, String message, Integer index, String field) {
        super(message, null, false, false);
        this.code = code;
        this.index = index;
        this.field = field;
    }

    public static ApiException validation(int index, String field, String message) {
        return new ApiException(ErrorCode.VALIDATION, "element " + index + ", " + field + ": " + message, index, field);
    }

    public static ApiException validation(String field, String message) {
        return new ApiException(ErrorCode.VALIDATION, field + ": " + message, null, field);
    }

    public ErrorCode code() {
        return code;
    }

    public Integer index() {
        return index;
    }

    public String field() {
        return field;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return code == ErrorCode.INTERNAL ? ErrorType.ExecutionAborted : ErrorType.DataFetchingException;
    }

    @Override
    public Map<String, Object> getExtensions() {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code.name());
        if (index != null) {
            extensions.put("index", Json.createValue(index));
        }
        if (field != null) {
            extensions.put("field", field);
        }
        return extensions;
    }
}
