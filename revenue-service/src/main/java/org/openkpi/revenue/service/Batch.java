package org.openkpi.revenue.service;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.openkpi.revenue.api.error.ApiException;
import org.openkpi.revenue.api.error.ErrorCode;
import org.openkpi.revenue.api.model.IngestResult;

/**
 * Classifies a validated batch against what is stored: new, unchanged or replaced, by external id and
 * content hash. The same id twice in one batch with different content is a CONFLICT.
 */
final class Batch<T> {

    record Item<T>(int index, String id, String hash, T value) {
    }

    private final List<Item<T>> changed = new ArrayList<>();
    private final List<Item<T>> fresh = new ArrayList<>();
    private final List<Item<T>> replaced = new ArrayList<>();
    private int accepted;
    private int unchanged;

    static <T> Batch<T> classify(List<Item<T>> items, Function<List<String>, Map<String, String>> storedHashes) {
        return classify(items, "externalId", storedHashes);
    }

    /** As above, naming {@code idField} (the input field that is the element's identity) in a CONFLICT. */
    static <T> Batch<T> classify(List<Item<T>> items, String idField, Function<List<String>, Map<String, String>> storedHashes) {
        return classifyItems(items, idField, distinct -> storedHashes.apply(distinct.stream().map(Item::id).toList()));
    }

    /**
     * As above, with the stored hashes looked up from the batch's distinct items (the first of each id, in batch
     * order) rather than from their ids.
     */
    static <T> Batch<T> classifyItems(List<Item<T>> items, String idField, Function<List<Item<T>>, Map<String, String>> storedHashes) {
        Batch<T> batch = new Batch<>();
        Map<String, Item<T>> seen = new HashMap<>();
        List<Item<T>> distinct = new ArrayList<>();
        for (Item<T> item : items) {
            Item<T> earlier = seen.putIfAbsent(item.id(), item);
            if (earlier == null) {
                distinct.add(item);
            } else if (earlier.hash().equals(item.hash())) {
                batch.unchanged++;
            } else {
                throw new ApiException(ErrorCode.CONFLICT, "element " + item.index() + ": external id " + item.id()
                        + " appears with different content at element " + earlier.index(), item.index(), idField);
            }
        }
        Map<String, String> stored = distinct.isEmpty() ? Map.of() : storedHashes.apply(distinct);
        for (Item<T> item : distinct) {
            String hash = stored.get(item.id());
            if (hash == null) {
                batch.accepted++;
                batch.changed.add(item);
                batch.fresh.add(item);
            } else if (hash.equals(item.hash())) {
                batch.unchanged++;
            } else {
                batch.changed.add(item);
                batch.replaced.add(item);
            }
        }
        return batch;
    }

    /** New and replaced items, in batch order. */
    List<Item<T>> changed() {
        return changed;
    }

    /** Items whose id is not stored yet. */
    List<Item<T>> fresh() {
        return fresh;
    }

    List<Item<T>> replaced() {
        return replaced;
    }

    IngestResult result() {
        return new IngestResult(accepted, unchanged, replaced.size());
    }
}
