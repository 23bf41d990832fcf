package io.shopsense.core.generate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The generator's vocabulary, loaded from {@code taxonomy.json} beside this class: categories
 * (English path, noun, brands, style words, attributes, uses, price level, buy-again interval,
 * synonym queries) and the shared colour and shop-name words. Brands are shared across
 * categories by their English name and get one global index.
 */
final class Taxonomy {
  /** One attribute of a category: its key in {@code attributes} and its values. */
  record Attribute(String name, List<Word> values) {}

  /**
   * One leaf category and everything the generator needs to make and search its items.
   * {@code complements} are categories bought with it (coffee maker: coffee beans).
   */
  record Category(int index, String path, Word top, Word noun, double weight, double median, double sigma,
      List<Word> audiences, int[] brands, List<Word> styles, List<Attribute> attributes, List<Word> uses,
      double consumableDays, int[] complements, List<String> synonymsEn, List<String> synonymsZh) {

    boolean consumable() {
      return consumableDays > 0;
    }

    List<String> synonyms(int lang) {
      return lang == Word.ZH ? synonymsZh : synonymsEn;
    }
  }

  final List<Category> categories;
  final List<Word> brands;
  final List<Word> shopPrefixes;
  final List<Word> shopSuffixes;
  /** Human labels of attribute keys, for descriptions. */
  final Map<String, Word> attributeLabels;

  private Taxonomy(List<Category> categories, List<Word> brands, List<Word> shopPrefixes, List<Word> shopSuffixes,
      Map<String, Word> attributeLabels) {
    this.categories = List.copyOf(categories);
    this.brands = List.copyOf(brands);
    this.shopPrefixes = List.copyOf(shopPrefixes);
    this.shopSuffixes = List.copyOf(shopSuffixes);
    this.attributeLabels = attributeLabels;
  }

  private static Taxonomy standard;

  /** The built-in vocabulary (parsed once). */
  static synchronized Taxonomy standard() {
    if (standard == null) {
      try (InputStream in = Taxonomy.class.getResourceAsStream("taxonomy.json")) {
        if (in == null) throw new IllegalStateException("taxonomy.json missing from the classpath");
        standard = parse(new ObjectMapper().readTree(in));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read taxonomy.json", e);
      }
    }
    return standard;
  }

  static Taxonomy parse(JsonNode root) {
    List<Word> colors = words(root.get("colors"));
    Map<String, Word> tops = new LinkedHashMap<>();
    root.get("tops").properties().forEach(e -> tops.put(e.getKey(), new Word(e.getKey(), e.getValue().asText())));
    Map<String, Word> labels = new LinkedHashMap<>();
    root.get("attr_labels").properties().forEach(e -> labels.put(e.getKey(), Word.parse(e.getValue().asText())));
    Map<String, Integer> brandIndex = new LinkedHashMap<>();
    List<Word> brands = new ArrayList<>();
    List<Category> cats = new ArrayList<>();
    for (JsonNode c : root.get("categories")) {
      String path = c.get("path").asText();
      String top = path.substring(0, path.indexOf('>'));
      Word topWord = tops.get(top);
      if (topWord == null) throw new IllegalStateException("taxonomy: no Chinese name for top category " + top);
      List<Word> bw = words(c.get("brands"));
      int[] ids = new int[bw.size()];
      for (int i = 0; i < ids.length; i++) {
        Word b = bw.get(i);
        Integer id = brandIndex.get(b.en());
        if (id == null) {
          id = brands.size();
          brandIndex.put(b.en(), id);
          brands.add(b);
        }
        ids[i] = id;
      }
      List<Attribute> attrs = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : c.get("attrs").properties()) {
        if (!labels.containsKey(e.getKey())) throw new IllegalStateException("taxonomy: no label for attribute " + e.getKey());
        List<Word> values = e.getValue().isTextual() && e.getValue().asText().equals("@colors") ? colors : words(e.getValue());
        attrs.add(new Attribute(e.getKey(), values));
      }
      JsonNode syn = c.get("synonyms");
      Category cat = new Category(cats.size(), path, topWord, Word.parse(c.get("noun").asText()),
          c.get("weight").asDouble(), c.get("median").asDouble(), c.get("sigma").asDouble(),
          c.has("audience") ? words(c.get("audience")) : List.of(), ids, words(c.get("styles")), List.copyOf(attrs),
          words(c.get("uses")), c.path("consumable_days").asDouble(0), new int[0],
          strings(syn.get("en")), strings(syn.get("zh")));
      if (ids.length < 2 || cat.styles().size() < 2 || attrs.isEmpty() || cat.uses().isEmpty()
          || cat.synonymsEn().isEmpty() || cat.synonymsZh().isEmpty()) {
        throw new IllegalStateException("taxonomy: category " + path + " needs 2+ brands, 2+ styles, an attribute, a use and synonyms");
      }
      cats.add(cat);
    }
    // complements name other categories, so they are resolved once all are known
    int k = 0;
    for (JsonNode c : root.get("categories")) {
      Category cat = cats.get(k);
      List<Integer> comp = new ArrayList<>();
      for (JsonNode p : c.path("complements")) {
        Category other = cats.stream().filter(x -> x.path().equals(p.asText())).findFirst()
            .orElseThrow(() -> new IllegalStateException("taxonomy: unknown complement " + p.asText() + " of " + cat.path()));
        comp.add(other.index());
      }
      cats.set(k++, new Category(cat.index(), cat.path(), cat.top(), cat.noun(), cat.weight(), cat.median(), cat.sigma(),
          cat.audiences(), cat.brands(), cat.styles(), cat.attributes(), cat.uses(), cat.consumableDays(),
          comp.stream().mapToInt(Integer::intValue).toArray(), cat.synonymsEn(), cat.synonymsZh()));
    }
    JsonNode shop = root.get("shop_words");
    return new Taxonomy(cats, brands, words(shop.get("prefix")), words(shop.get("suffix")), labels);
  }

  private static List<Word> words(JsonNode array) {
    List<Word> out = new ArrayList<>();
    for (JsonNode n : array) out.add(Word.parse(n.asText()));
    return List.copyOf(out);
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) out.add(n.asText());
    return List.copyOf(out);
  }
}
