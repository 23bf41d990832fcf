package io.shopsense.core.matrix;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * External string id to dense int and back. Append-only: an id keeps its index for the life of
 * the index (and of the snapshot built from it). Not thread-safe while being added to.
 */
public final class IdIndex {
  private final Map<String, Integer> toIndex;
  private final List<String> ids;

  public IdIndex() {
    this(16);
  }

  public IdIndex(int expected) {
    toIndex = new HashMap<>(Math.max(16, expected * 4 / 3 + 1));
    ids = new ArrayList<>(expected);
  }

  /** Builds an index holding the ids in the given order. */
  public static IdIndex of(List<String> ids) {
    IdIndex idx = new IdIndex(ids.size());
    for (String id : ids) idx.add(id);
    return idx;
  }

  /** Returns the index of the id, adding it when new. */
  public int add(String id) {
    Integer i = toIndex.get(id);
    if (i != null) return i;
    int n = ids.size();
    toIndex.put(id, n);
    ids.add(id);
    return n;
  }

  /** The index of the id, or -1 when absent. */
  public int get(String id) {
    Integer i = toIndex.get(id);
    return i == null ? -1 : i;
  }

  /** The id at the index. */
  public String id(int index) {
    return ids.get(index);
  }

  public int size() {
    return ids.size();
  }

  /** The ids in index order (read-only view). */
  public List<String> ids() {
    return Collections.unmodifiableList(ids);
  }
}
