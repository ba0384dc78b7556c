package dev.watchdog.alerting;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Fingerprints to look up with {@code fingerprint IN (...)}, a chunk per statement. Each chunk is padded to a
 * power of two (repeating its last fingerprint), so that a handful of statement texts serve every batch size and
 * stay prepared in the connection's statement cache.
 */
final class FingerprintChunks {

    static final int MAX = 512;

    /** One statement's fingerprints, padded, and the matching {@code (?, ?, ...)}. */
    record Chunk(Object[] fingerprints, String placeholders) {
    }

    private FingerprintChunks() {
    }

    static List<Chunk> of(Collection<String> fingerprints) {
        List<String> distinct = new ArrayList<>(new LinkedHashSet<>(fingerprints));
        List<Chunk> chunks = new ArrayList<>();
        for (int from = 0; from < distinct.size(); from += MAX) {
            List<String> part = distinct.subList(from, Math.min(distinct.size(), from + MAX));
            int size = Integer.highestOneBit(part.size());
            size = size == part.size() ? size : size * 2;
            Object[] padded = new Object[size];
            for (int i = 0; i < size; i++) {
                padded[i] = part.get(Math.min(i, part.size() - 1));
            }
            chunks.add(new Chunk(padded, "(" + String.join(", ", Collections.nCopies(size, "?")) + ")"));
        }
        return chunks;
    }
}
