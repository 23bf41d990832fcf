package io.shopsense.core.generate;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * The shop's pre-existing, non-personalized search that the logged impressions come from: queries
 * are built from category and attribute words in the shopper's language (sometimes a synonym whose
 * words no title contains), and results are the category's items ranked by how many query words
 * the title contains, plus popularity and a little noise. Every shopper would get the same ranking
 * for the same query, so a personalized re-ranker has room to improve on it. Also counts every
 * distinct query for {@code queries.jsonl}.
 */
final class DemoSearch {
  /** How a query was built; {@code synonym} queries share no word with the titles they want. */
  enum Kind {
    CATEGORY, BRAND, ATTRIBUTE, STYLE, SYNONYM;

    String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A query and the concepts it names (-1 when absent). */
  record Query(String text, int category, int lang, Kind kind, int brand, int style, int value) {}

  /** Statistics of one distinct query. */
  static final class QueryStat {
    final Query query;
    long searches;

    QueryStat(Query query) {
      this.query = query;
    }
  }

  private final Catalog c;
  final TreeMap<String, QueryStat> stats = new TreeMap<>(); // sorted: the file is written in this order
  /** Width of the uniform noise added to every score (the engine's tie-breaking and freshness). */
  private static final double NOISE = 1.2;
  /** The query-independent part of every item's score: popularity, and a penalty when out of stock. */
  private final double[] prior;
  /** Each category's items by falling prior (ties by id). */
  private final int[][] byPrior;

  DemoSearch(Catalog c) {
    this.c = c;
    prior = new double[c.items.length];
    for (int i = 0; i < prior.length; i++) prior[i] = 0.5 * Math.log(c.popularity[i]) - (c.inStock[i] ? 0 : 1);
    byPrior = new int[c.byCategory.length][];
    for (int k = 0; k < byPrior.length; k++) {
      byPrior[k] = java.util.Arrays.stream(c.byCategory[k]).boxed()
          .sorted((a, b) -> a.equals(b) ? 0 : prior[a] != prior[b] ? Double.compare(prior[b], prior[a]) : Integer.compare(a, b))
          .mapToInt(Integer::intValue).toArray();
    }
  }

  /** A query for a category in a language, leaning to the shopper's favourite brands. */
  Query makeQuery(SplittableRandom r, Shopper u, int category, int lang) {
    Taxonomy.Category cat = c.tax.categories.get(category);
    String noun = lang == Word.ZH ? cat.noun().zh() : cat.noun().en().toLowerCase(Locale.ROOT);
    double p = r.nextDouble();
    Query q;
    if (p < 0.15) {
      q = new Query(Rand.pick(r, cat.synonyms(lang)), category, lang, Kind.SYNONYM, -1, -1, -1);
    } else if (p < 0.35) {
      int b = -1;
      if (Rand.chance(r, 0.7)) for (int x : cat.brands()) if (u.likesBrand(x) && b < 0) b = x;
      if (b < 0) b = cat.brands()[Rand.weighted(r, Rand.zipf(cat.brands().length, 0.8))];
      Word bw = c.tax.brands.get(b);
      q = new Query((lang == Word.ZH ? bw.zh() : bw.en().toLowerCase(Locale.ROOT)) + " " + noun, category, lang, Kind.BRAND, b, -1, -1);
    } else if (p < 0.55) {
      int v = r.nextInt(cat.attributes().get(0).values().size());
      Word vw = cat.attributes().get(0).values().get(v);
      q = new Query(lang == Word.ZH ? vw.zh() + noun : vw.en().toLowerCase(Locale.ROOT) + " " + noun, category, lang, Kind.ATTRIBUTE, -1, -1, v);
    } else if (p < 0.7) {
      int s = r.nextInt(cat.styles().size());
      Word sw = cat.styles().get(s);
      q = new Query(lang == Word.ZH ? sw.zh() + noun : sw.en().toLowerCase(Locale.ROOT) + " " + noun, category, lang, Kind.STYLE, -1, s, -1);
    } else {
      q = new Query(noun, category, lang, Kind.CATEGORY, -1, -1, -1);
    }
    stats.computeIfAbsent(q.text() + '\t' + cat.path(), k -> new QueryStat(q)).searches++;
    return q;
  }

  /** How many of the query's words an item's title contains (the brand also matches across languages). */
  double textMatch(Query q, int item) {
    boolean sameLang = c.lang[item] == q.lang();
    double m = 0;
    if (sameLang && q.kind() != Kind.SYNONYM) m += 1;
    if (q.brand() >= 0 && c.brand[item] == q.brand()) m += sameLang ? 1 : 0.6;
    if (sameLang && q.style() >= 0 && (c.style1[item] == q.style() || c.style2[item] == q.style())) m += 1;
    if (sameLang && q.value() >= 0 && c.titleValue[item] == q.value()) m += 1;
    return m;
  }

  /**
   * The shown result list: the top {@code n} items of the category that exist at this time. Items
   * are visited by falling prior, so the scan stops once no later item can enter the top.
   */
  int[] results(SplittableRandom r, Query q, long time, int n) {
    int cat = q.category();
    int take = Math.min(n, c.available(cat, time));
    if (take == 0) return new int[0];
    int[] pool = byPrior[cat];
    double maxMatch = (q.kind() == Kind.SYNONYM ? 0 : 1) + (q.brand() >= 0 ? 1 : 0) + (q.style() >= 0 ? 1 : 0)
        + (q.value() >= 0 ? 1 : 0);
    int[] top = new int[take]; // best first; insertion into a short sorted list
    double[] topScore = new double[take];
    int size = 0;
    for (int i : pool) {
      if (size == take && prior[i] + 1.5 * maxMatch + NOISE / 2 <= topScore[size - 1]) break;
      if (c.created[i] > time) continue;
      double s = prior[i] + 1.5 * textMatch(q, i) + NOISE * (r.nextDouble() - 0.5);
      if (size == take && s <= topScore[size - 1]) continue;
      int pos = size == take ? size - 1 : size++;
      while (pos > 0 && topScore[pos - 1] < s) {
        top[pos] = top[pos - 1];
        topScore[pos] = topScore[pos - 1];
        pos--;
      }
      top[pos] = i;
      topScore[pos] = s;
    }
    return top;
  }
}
