package org.openkpi.acquisition.api.error;

import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.language.SourceLocation;

/** A graphql-java error re-issued with a stable {@code code} (and index/field when known) in its extensions. */
record CodedError(String message, List<SourceLocation> locations, List<Object> path, Map<String, Object> extensions,
        ErrorClassification classification) implements GraphQLError {

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
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    @Override
    public ErrorClassification getErrorType() {
        return classification;
    }
}
