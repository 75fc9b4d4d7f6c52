package org.modsvc.model;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.function.BiConsumer;

/**
 * An unmodifiable sorted map in the natural order of its keys, kept as one array of alternating
 * keys and values and searched by bisection. A plan of 100 000 services holds millions of small
 * maps; as a {@link java.util.TreeMap} behind an unmodifiable wrapper each entry costs a tree node
 * and each map two objects more, which the collector then copies and scans. Here a map is two
 * objects whatever its size.
 *
 * <p>It behaves as an unmodifiable {@code TreeMap} with natural ordering: iteration in ascending
 * key order; {@code equals}, {@code hashCode} and {@code toString} as for any {@link Map}; null
 * keys are refused, null values allowed; every mutator throws {@link
 * UnsupportedOperationException}, whatever the arguments. Sub-maps ({@link #subMap}, {@link #headMap}, {@link #tailMap})
 * are copies, which for an unmodifiable map cannot be told from views, except that their bounds
 * are not enforced on later lookups.
 *
 * @param <K> key type, compared by its natural order
 * @param <V> value type
 */
public final class ArraySortedMap<K extends Comparable<? super K>, V> extends UnmodifiableMap<K, V>
        implements SortedMap<K, V> {
    /** {@code k0, v0, k1, v1, ...}: keys strictly ascending, never null. */
    private final Object[] table;

    private ArraySortedMap(Object[] table) {
        this.table = table;
    }

    /**
     * A sorted copy of {@code m}; never null. A source that is already an {@code ArraySortedMap}
     * is returned as it is; a {@link SortedMap} in natural order is copied without sorting again.
     *
     * @throws NullPointerException if a key is null
     * @throws IllegalArgumentException if {@code m} is a sorted map with its own comparator
     */
    public static <K extends Comparable<? super K>, V> SortedMap<K, V> copyOf(Map<K, ? extends V> m) {
        if (m instanceof ArraySortedMap<?, ?> a) {
            @SuppressWarnings("unchecked")
            SortedMap<K, V> same = (SortedMap<K, V>) a;
            return same;
        }
        if (m instanceof SortedMap<?, ?> s && s.comparator() != null)
            throw new IllegalArgumentException("a sorted map with its own comparator");
        var b = new Builder<K, V>(m.size());
        for (Map.Entry<K, ? extends V> e : m.entrySet()) b.put(e.getKey(), e.getValue());
        return b.build();
    }

    /** A builder for about {@code expected} entries; cheapest when keys come in ascending order. */
    public static <K extends Comparable<? super K>, V> Builder<K, V> builder(int expected) {
        return new Builder<>(expected);
    }

    /**
     * Collects entries, then makes one map. Keys given in strictly ascending order are taken as
     * they are; otherwise {@link #build} sorts them, and a later value for an equal key replaces
     * the earlier one (as {@code TreeMap.put} does). Single-use; not thread-safe.
     */
    public static final class Builder<K extends Comparable<? super K>, V> {
        private Object[] table;
        private int size;
        private boolean ascending = true;

        private Builder(int expected) {
            table = new Object[2 * Math.max(expected, 1)];
        }

        /**
         * Adds one entry.
         *
         * @throws NullPointerException if {@code key} is null
         */
        public Builder<K, V> put(K key, V value) {
            Objects.requireNonNull(key, "key");
            if (ascending && size > 0 && key.compareTo(key(size - 1)) <= 0) ascending = false;
            if (2 * size == table.length) table = Arrays.copyOf(table, 2 * table.length);
            table[2 * size] = key;
            table[2 * size + 1] = value;
            size++;
            return this;
        }

        @SuppressWarnings("unchecked")
        private K key(int i) {
            return (K) table[2 * i];
        }

        /** The map of the entries put so far; never null. */
        public SortedMap<K, V> build() {
            if (size == 0) return java.util.Collections.emptySortedMap();
            if (!ascending) sortAndMerge();
            return new ArraySortedMap<>(2 * size == table.length ? table : Arrays.copyOf(table, 2 * size));
        }

        /** Sorts by key, keeping the first key and the last value of equal keys (TreeMap's result). */
        @SuppressWarnings("unchecked")
        private void sortAndMerge() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) order[i] = i;
            // Stable: among equal keys the one put first stays first.
            Arrays.sort(order, (a, b) -> key(a).compareTo(key(b)));
            Object[] out = new Object[2 * size];
            int n = 0;
            for (int i : order) {
                K k = key(i);
                if (n > 0 && k.compareTo((K) out[2 * (n - 1)]) == 0) {
                    out[2 * (n - 1) + 1] = table[2 * i + 1];
                } else {
                    out[2 * n] = k;
                    out[2 * n + 1] = table[2 * i + 1];
                    n++;
                }
            }
            table = out;
            size = n;
        }
    }

    // ---------------------------------------------------------------- lookup

    @Override
    public int size() {
        return table.length >> 1;
    }

    @Override
    public boolean isEmpty() {
        return table.length == 0;
    }

    @SuppressWarnings("unchecked")
    private K keyAt(int i) {
        return (K) table[2 * i];
    }

    @SuppressWarnings("unchecked")
    private V valueAt(int i) {
        return (V) table[2 * i + 1];
    }

    /**
     * The index of {@code key}, or {@code -(insertion point) - 1}.
     *
     * @throws NullPointerException if {@code key} is null
     * @throws ClassCastException if {@code key} cannot be compared with the keys
     */
    @SuppressWarnings("unchecked")
    private int indexOf(Object key) {
        Objects.requireNonNull(key);
        Comparable<Object> k = (Comparable<Object>) key;
        int lo = 0;
        int hi = size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = k.compareTo(table[2 * mid]);
            if (c > 0) lo = mid + 1;
            else if (c < 0) hi = mid - 1;
            else return mid;
        }
        return -(lo + 1);
    }

    @Override
    public V get(Object key) {
        int i = indexOf(key);
        return i >= 0 ? valueAt(i) : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return indexOf(key) >= 0;
    }

    @Override
    public boolean containsValue(Object value) {
        for (int i = 1; i < table.length; i += 2) if (Objects.equals(value, table[i])) return true;
        return false;
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        int i = indexOf(key);
        return i >= 0 ? valueAt(i) : defaultValue;
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        for (int i = 0; i < table.length; i += 2) {
            @SuppressWarnings("unchecked")
            K k = (K) table[i];
            @SuppressWarnings("unchecked")
            V v = (V) table[i + 1];
            action.accept(k, v);
        }
    }

    // ---------------------------------------------------------------- sorted map

    /** Always null: the order is the keys' natural order. */
    @Override
    public Comparator<? super K> comparator() {
        return null;
    }

    @Override
    public K firstKey() {
        if (isEmpty()) throw new NoSuchElementException();
        return keyAt(0);
    }

    @Override
    public K lastKey() {
        if (isEmpty()) throw new NoSuchElementException();
        return keyAt(size() - 1);
    }

    @Override
    public SortedMap<K, V> subMap(K fromKey, K toKey) {
        if (fromKey.compareTo(toKey) > 0) throw new IllegalArgumentException("fromKey > toKey");
        return slice(lowerBound(fromKey), lowerBound(toKey));
    }

    @Override
    public SortedMap<K, V> headMap(K toKey) {
        return slice(0, lowerBound(toKey));
    }

    @Override
    public SortedMap<K, V> tailMap(K fromKey) {
        return slice(lowerBound(fromKey), size());
    }

    /** The index of the first key at least {@code key}. */
    private int lowerBound(K key) {
        int i = indexOf(key);
        return i >= 0 ? i : -i - 1;
    }

    private SortedMap<K, V> slice(int from, int to) {
        if (from == 0 && to == size()) return this;
        return new ArraySortedMap<>(Arrays.copyOfRange(table, 2 * from, 2 * Math.max(from, to)));
    }

    // ---------------------------------------------------------------- views

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                return new Cursor<>() {
                    @Override
                    Map.Entry<K, V> at(int i) {
                        return new AbstractMap.SimpleImmutableEntry<>(keyAt(i), valueAt(i));
                    }
                };
            }

            @Override
            public int size() {
                return ArraySortedMap.this.size();
            }
        };
    }

    @Override
    public Set<K> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<K> iterator() {
                return new Cursor<>() {
                    @Override
                    K at(int i) {
                        return keyAt(i);
                    }
                };
            }

            @Override
            public int size() {
                return ArraySortedMap.this.size();
            }

            @Override
            public boolean contains(Object o) {
                return containsKey(o);
            }
        };
    }

    @Override
    public Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                return new Cursor<>() {
                    @Override
                    V at(int i) {
                        return valueAt(i);
                    }
                };
            }

            @Override
            public int size() {
                return ArraySortedMap.this.size();
            }
        };
    }

    /** An iterator over the entry indices; {@code remove} is unsupported (the default). */
    private abstract class Cursor<T> implements Iterator<T> {
        private int next;

        abstract T at(int i);

        @Override
        public boolean hasNext() {
            return next < size();
        }

        @Override
        public T next() {
            if (next >= size()) throw new NoSuchElementException();
            return at(next++);
        }
    }
}
