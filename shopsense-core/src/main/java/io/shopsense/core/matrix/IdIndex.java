package io.shopsense.core.matrix;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * External string id to dense int and back. Append-only: an id keeps its index for the life of
 * the index (and of the snapshot built from it). Not thread-safe while being added to; safe to read
 * from many threads once complete.
 *
 * <p>Hand-written open addressing (linear probing over an int table of positions, load at most
 * 2/3) because a {@code HashMap<String, Integer>} costs about 60 bytes per id more (entry and boxed
 * index), which for a catalog-sized index rivals the matrix itself. Lookups use the String's cached
 * hash code.
 */
public final class IdIndex {
  private String[] ids;
  private int size;
  private int[] slots; // position + 1 of the id in that slot; 0 = empty. Length is a power of two.
  private int shift; // 32 - log2(slots.length), for Fibonacci hashing

  public IdIndex() {
    this(16);
  }

  public IdIndex(int expected) {
    ids = new String[Math.max(4, expected)];
    int cap = Integer.highestOneBit(Math.max(8, expected + (expected >> 1))) << 1; // load <= 2/3
    slots = new int[cap];
    shift = 32 - Integer.numberOfTrailingZeros(cap);
  }

  /** Builds an index holding the ids in the given order (duplicates keep their first index). */
  public static IdIndex of(List<String> ids) {
    IdIndex idx = new IdIndex(ids.size());
    for (String id : ids) idx.add(id);
    return idx;
  }

  /** Returns the index of the id, adding it when new. */
  public int add(String id) {
    Objects.requireNonNull(id, "id");
    int h = id.hashCode();
    int mask = slots.length - 1;
    for (int p = (h * 0x9E3779B9) >>> shift; ; p = (p + 1) & mask) {
      int s = slots[p];
      if (s == 0) break;
      String other = ids[s - 1];
      if (other.hashCode() == h && other.equals(id)) return s - 1;
    }
    if (size == ids.length) ids = Arrays.copyOf(ids, size + (size >> 1) + 1);
    ids[size] = id;
    int n = size++;
    if (3L * size > 2L * slots.length) {
      rehash(slots.length << 1);
    } else {
      insert(h, n);
    }
    return n;
  }

  private void insert(int h, int position) {
    int mask = slots.length - 1;
    int p = (h * 0x9E3779B9) >>> shift;
    while (slots[p] != 0) p = (p + 1) & mask;
    slots[p] = position + 1;
  }

  private void rehash(int cap) {
    if (cap <= 0) throw new IllegalStateException("IdIndex full at " + size + " ids");
    slots = new int[cap];
    shift = 32 - Integer.numberOfTrailingZeros(cap);
    for (int i = 0; i < size; i++) insert(ids[i].hashCode(), i);
  }

  /** The index of the id, or -1 when absent. */
  public int get(String id) {
    if (id == null) return -1;
    int h = id.hashCode();
    int mask = slots.length - 1;
    for (int p = (h * 0x9E3779B9) >>> shift; ; p = (p + 1) & mask) {
      int s = slots[p];
      if (s == 0) return -1;
      String other = ids[s - 1];
      if (other.hashCode() == h && other.equals(id)) return s - 1;
    }
  }

  /** The id at the index. */
  public String id(int index) {
    Objects.checkIndex(index, size);
    return ids[index];
  }

  public int size() {
    return size;
  }

  /** The ids in index order (read-only live view). */
  public List<String> ids() {
    return new View();
  }

  private final class View extends AbstractList<String> implements RandomAccess {
    @Override
    public String get(int index) {
      return id(index);
    }

    @Override
    public int size() {
      return size;
    }
  }
}
