package org.openkpi.support.api.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

/** An error of graphql-java given a code (and where known the element index and field); locations and path kept. */
final class CodedError implements GraphQLError {

    private final String message;
    private final List<SourceLocation> locations;
    private final List<Object> path;
    private final ErrorClassification classification;
    private final Map<String, Object> extensions;

    CodedError(ErrorCode code, String message, Integer index, String field, GraphQLError original) {
        this.message = message;
        this.locations = original == null ? null : original.getLocations();
        this.path = original == null ? null : original.getPath();
        this.classification = original == null ? null : original.getErrorType();
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("code", code.name());
        if (index != null) {
            ext.put("index", index);
        }
        if (field != null) {
            ext.put("field", field);
        }
        this.extensions = ext;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public List<SourceLocation> getLocations() {
        return locations;
    }

    @Override
    public List<Object> getPath() {
        return path;
    }

    @Override
    public ErrorClassification getErrorType() {
        return classification;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return extensions;
    }
}
