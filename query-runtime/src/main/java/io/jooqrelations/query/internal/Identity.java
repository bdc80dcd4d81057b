package io.jooqrelations.query.internal;

/**
 * A key equal only to a key of the same object: two equal-looking objects are two keys. It holds the object, so a map
 * keyed by it keeps the object alive as long as the entry.
 *
 * @param object what the key stands for
 */
record Identity(Object object) {

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other && other.object == object;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(object);
    }
}
