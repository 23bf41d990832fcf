package io.shopsense.recommend;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.model.Item;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The category path of every item index (e.g. {@code Shoes>Running}), taken from the catalog and
 * stored with the models that need it (a model is read back without the catalog). Paths are
 * interned in a dictionary so a million items cost an int each. Immutable.
 */
public final class ItemCategories {
  private final String[] paths; // dictionary
  private final int[] ofItem; // path index per item, -1 when unknown

  private ItemCategories(String[] paths, int[] ofItem) {
    this.paths = paths;
    this.ofItem = ofItem;
  }

  /** No categories: every item is uncategorised. */
  public static ItemCategories none(int numItems) {
    int[] of = new int[numItems];
    java.util.Arrays.fill(of, -1);
    return new ItemCategories(new String[0], of);
  }

  /** Categories of the catalog items that the index knows; others stay uncategorised. */
  public static ItemCategories of(IdIndex items, List<Item> catalog) {
    int[] of = new int[items.size()];
    java.util.Arrays.fill(of, -1);
    Map<String, Integer> dict = new HashMap<>();
    List<String> paths = new ArrayList<>();
    for (Item it : catalog) {
      int i = items.get(it.id());
      String c = normalise(it.category());
      if (i < 0 || c == null) continue;
      of[i] = dict.computeIfAbsent(c, k -> {
        paths.add(k);
        return paths.size() - 1;
      });
    }
    return new ItemCategories(paths.toArray(new String[0]), of);
  }

  /** Trims each level of the path: {@code "Shoes > Running"} becomes {@code Shoes>Running}. */
  public static String normalise(String path) {
    if (path == null || path.isBlank()) return null;
    StringBuilder b = new StringBuilder();
    for (String level : path.split(">")) {
      String l = level.trim();
      if (l.isEmpty()) continue;
      if (b.length() > 0) b.append('>');
      b.append(l);
    }
    return b.length() == 0 ? null : b.toString();
  }

  public int numItems() {
    return ofItem.length;
  }

  /** True when at least one item has a category. */
  public boolean any() {
    return paths.length > 0;
  }

  /** The item's category path, or null. */
  public String category(int item) {
    int c = ofItem[item];
    return c < 0 ? null : paths[c];
  }

  /** True when the item's category is the path or lies under it ({@code Shoes} holds {@code Shoes>Running}). */
  public boolean within(int item, String path) {
    String c = category(item);
    if (c == null || path == null) return false;
    return c.length() == path.length() ? c.equals(path) : c.length() > path.length() && c.startsWith(path) && c.charAt(path.length()) == '>';
  }

  public void write(DataOutputStream out) throws IOException {
    out.writeInt(paths.length);
    for (String p : paths) out.writeUTF(p);
    ModelFormat.writeInts(out, ofItem);
  }

  public static ItemCategories read(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) throw new IOException("corrupt model: negative category count");
    String[] paths = new String[n];
    for (int i = 0; i < n; i++) paths[i] = in.readUTF();
    int[] of = ModelFormat.readInts(in);
    for (int c : of) if (c < -1 || c >= n) throw new IOException("corrupt model: category index " + c);
    return new ItemCategories(paths, of);
  }
}
