package io.shopsense.search.index;

import io.shopsense.core.model.Item;
import io.shopsense.search.analysis.Language;
import io.shopsense.search.embed.Embedder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * The index schema: how an {@link Item} becomes a Lucene document, the text its embedding is made
 * from, and the content hash that lets re-indexing skip unchanged items.
 */
public final class ItemDocuments {
  /** Bumped whenever the document layout changes, so every item is rewritten once. */
  static final int SCHEMA_VERSION = 2;

  public static final String ID = "id";
  static final String HASH = "_hash";
  public static final String TITLE = "title";
  /** The title as a doc value: hits and re-ranking features read doc values, not stored fields. */
  static final String TITLE_DV = "title_dv";
  /** The full category path as a doc value. */
  static final String CATEGORY_DV = "category_dv";
  public static final String DESCRIPTION = "description";
  public static final String BRAND = "brand";
  static final String BRAND_KEY = "brand_key";
  static final String BRAND_FACET = "brand_facet";
  public static final String CATEGORY = "category";
  static final String CATEGORY_PATH = "category_path";
  public static final String SHOP = "shop";
  static final String ATTRIBUTES = "attributes";
  /** Every text field together: what the query must match. */
  static final String ALL = "all";
  public static final String PRICE = "price";
  public static final String IN_STOCK = "in_stock";
  public static final String CREATED = "created";
  public static final String RATING = "rating";
  public static final String POPULARITY = "popularity";

  private ItemDocuments() {}

  /** The vector field of a language; one per model, since their dimensions differ. */
  public static String vectorField(Language lang) {
    return "vec_" + lang.code();
  }

  /** The lower-cased brand used for filtering. */
  static String brandKey(String brand) {
    return brand.trim().toLowerCase(Locale.ROOT);
  }

  /** Normalises a category path ({@code Shoes > Running} to {@code Shoes>Running}); null when blank. */
  public static String normalizeCategory(String path) {
    if (path == null || path.isBlank()) return null;
    List<String> levels = new ArrayList<>();
    for (String p : path.split(">")) if (!p.isBlank()) levels.add(p.trim());
    return levels.isEmpty() ? null : String.join(">", levels);
  }

  /** Every prefix of a path: {@code A>B>C} gives A, A>B, A>B>C. */
  static List<String> categoryPrefixes(String path) {
    List<String> out = new ArrayList<>();
    String norm = normalizeCategory(path);
    if (norm == null) return out;
    StringBuilder sb = new StringBuilder();
    for (String level : norm.split(">")) {
      if (sb.length() > 0) sb.append('>');
      sb.append(level);
      out.add(sb.toString());
    }
    return out;
  }

  /**
   * The text an item's vector is made from: the title, the brand when the title lacks it, the
   * leaf category, and the start of the description (which costs embedding time, hence the cap).
   */
  public static String embeddingText(Item item, int descriptionChars) {
    StringBuilder sb = new StringBuilder();
    if (item.title() != null) sb.append(item.title().strip());
    if (item.brand() != null && !item.brand().isBlank()
        && !sb.toString().toLowerCase(Locale.ROOT).contains(item.brand().toLowerCase(Locale.ROOT))) {
      sb.insert(0, item.brand().strip() + " ");
    }
    List<String> cat = categoryPrefixes(item.category());
    if (!cat.isEmpty()) {
      String path = cat.get(cat.size() - 1);
      sb.append(". ").append(path.substring(path.lastIndexOf('>') + 1));
    }
    String d = item.description();
    if (descriptionChars > 0 && d != null && !d.isBlank()) {
      d = d.strip();
      if (d.length() > descriptionChars) {
        int cut = descriptionChars;
        if (Character.isHighSurrogate(d.charAt(cut - 1))) cut--;
        d = d.substring(0, cut);
      }
      sb.append(". ").append(d);
    }
    return sb.toString().strip();
  }

  /** A digest of everything the document is built from (item, signals, schema, embedding text settings). */
  static byte[] contentHash(Item item, ItemSignals signals, int descriptionChars) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(SCHEMA_VERSION).append('\u0001').append(descriptionChars);
    for (Object o : new Object[] {item.id(), item.title(), item.description(), item.category(), item.brand(),
        item.shop(), Double.doubleToLongBits(item.price()), item.inStock(), item.created()}) {
      sb.append('\u0001').append(o);
    }
    for (Map.Entry<String, String> e : new TreeMap<>(item.attributes()).entrySet()) {
      sb.append('\u0002').append(e.getKey()).append('\u0003').append(e.getValue());
    }
    if (signals != null) sb.append('\u0004').append(signals.rating()).append('\u0004').append(signals.popularity());
    try {
      byte[] full = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return java.util.Arrays.copyOf(full, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Rejects items the index cannot hold, naming the item. */
  static void validate(Item item) {
    if (item.id().isBlank()) throw new IllegalArgumentException("item id must not be blank");
    if (!Double.isFinite(item.price()) || item.price() < 0) {
      throw new IllegalArgumentException("item " + item.id() + ": price must be a finite number >= 0, got "
          + item.price());
    }
  }

  /** The Lucene document of an item; {@code vector} may be null (no embedder or blank text). */
  static Document toDocument(Item item, ItemSignals signals, Embedder.Vector vector, byte[] hash) {
    Document doc = new Document();
    doc.add(new StringField(ID, item.id(), Field.Store.YES));
    doc.add(new SortedDocValuesField(ID, new BytesRef(item.id())));
    doc.add(new BinaryDocValuesField(HASH, new BytesRef(hash)));
    StringBuilder all = new StringBuilder();
    text(doc, all, TITLE, item.title(), true);
    if (item.title() != null) doc.add(new BinaryDocValuesField(TITLE_DV, new BytesRef(item.title())));
    text(doc, all, DESCRIPTION, item.description(), false);
    if (item.brand() != null && !item.brand().isBlank()) {
      text(doc, all, BRAND, item.brand(), false);
      doc.add(new StoredField(BRAND, item.brand()));
      doc.add(new StringField(BRAND_KEY, brandKey(item.brand()), Field.Store.NO));
      doc.add(new SortedDocValuesField(BRAND_FACET, new BytesRef(item.brand().trim())));
    }
    List<String> prefixes = categoryPrefixes(item.category());
    if (!prefixes.isEmpty()) {
      String path = prefixes.get(prefixes.size() - 1);
      doc.add(new StoredField(CATEGORY, path));
      doc.add(new SortedDocValuesField(CATEGORY_DV, new BytesRef(path)));
      text(doc, all, CATEGORY, path.replace('>', ' '), false);
      for (String p : prefixes) {
        doc.add(new StringField(CATEGORY_PATH, p, Field.Store.NO));
        doc.add(new SortedSetDocValuesField(CATEGORY_PATH, new BytesRef(p)));
      }
    }
    if (item.shop() != null && !item.shop().isBlank()) {
      doc.add(new StringField(SHOP, item.shop(), Field.Store.YES));
      doc.add(new SortedDocValuesField(SHOP, new BytesRef(item.shop())));
    }
    if (!item.attributes().isEmpty()) {
      StringBuilder attrs = new StringBuilder();
      new TreeMap<>(item.attributes()).forEach((k, v) -> attrs.append(k).append(' ').append(v).append(". "));
      text(doc, all, ATTRIBUTES, attrs.toString(), false);
    }
    doc.add(new TextField(ALL, all.toString(), Field.Store.NO));
    doc.add(new DoublePoint(PRICE, item.price()));
    doc.add(new DoubleDocValuesField(PRICE, item.price()));
    doc.add(new StoredField(PRICE, item.price()));
    doc.add(new StringField(IN_STOCK, item.inStock() ? "1" : "0", Field.Store.YES));
    doc.add(new NumericDocValuesField(IN_STOCK, item.inStock() ? 1 : 0));
    doc.add(new NumericDocValuesField(CREATED, item.created()));
    doc.add(new StoredField(CREATED, item.created()));
    if (signals != null && signals.rating() != null) doc.add(new DoubleDocValuesField(RATING, signals.rating()));
    if (signals != null && signals.popularity() != null) {
      doc.add(new DoubleDocValuesField(POPULARITY, signals.popularity()));
    }
    if (vector != null) {
      doc.add(new KnnFloatVectorField(vectorField(vector.language()), vector.values(),
          VectorSimilarityFunction.DOT_PRODUCT));
    }
    return doc;
  }

  private static void text(Document doc, StringBuilder all, String field, String value, boolean store) {
    if (value == null || value.isBlank()) return;
    doc.add(new TextField(field, value, store ? Field.Store.YES : Field.Store.NO));
    all.append(value).append('\n');
  }
}
