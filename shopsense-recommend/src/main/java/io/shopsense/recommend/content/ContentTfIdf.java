package io.shopsense.recommend.content;

import io.shopsense.core.config.Config;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.model.Item;
import io.shopsense.recommend.Params;
import io.shopsense.recommend.Recommender;
import io.shopsense.recommend.TrainContext;
import io.shopsense.recommend.knn.ItemNeighbourModel;
import io.shopsense.recommend.knn.NeighbourSearch;
import io.shopsense.recommend.knn.Neighbours;
import io.shopsense.recommend.knn.Similarity;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-based recommendations from item text (Pazzani and Billsus, "Content-based recommendation
 * systems", The Adaptive Web, 2007; TF-IDF after Salton and Buckley 1988): each catalog item is a
 * TF-IDF vector over its title, category path levels and brand (weight 1) and, with
 * {@code content.description=true}, its description (weight 0.5), tokenised by {@link TextAnalyzer};
 * {@code tf = ln(1 + weighted count)}, {@code idf = ln((N + 1) / (df + 1)) + 1}, vectors L2-normalised.
 * Each item keeps its {@code content.neighbors} most cosine-similar items, and users and item sets
 * are scored like item-kNN ({@link ItemNeighbourModel}). Items without events are scored as soon
 * as they have text, so new items can be recommended (cold start). Terms in more than
 * {@code content.max_df} items are dropped: they cost df^2 and tell items apart little.
 * Fit O(text + sum over terms of df^2), score O(|row| x k).
 */
public final class ContentTfIdf implements Recommender {
  public static final String NAME = "content";
  private static final Logger LOG = LoggerFactory.getLogger(ContentTfIdf.class);
  private static final double DESCRIPTION_WEIGHT = 0.5;
  private final int neighbors;
  private final boolean description;
  private final int maxDf;

  public ContentTfIdf(Config config) {
    this.neighbors = Params.intIn(config, "content.neighbors", 1, 100_000);
    this.description = config.getBoolean("content.description");
    this.maxDf = Params.intIn(config, "content.max_df", 2, Integer.MAX_VALUE);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ItemNeighbourModel fit(InteractionMatrix data, TrainContext ctx) {
    InteractionMatrix vectors = vectors(data.colIds(), ctx.catalog());
    Neighbours n = NeighbourSearch.build(vectors, Similarity.COSINE, neighbors, 0, ctx.threads(), "content similarities");
    return new ItemNeighbourModel(NAME, n, data);
  }

  /** Items x terms TF-IDF matrix, rows by the matrix's item index (items without text stay empty). */
  InteractionMatrix vectors(IdIndex items, List<Item> catalog) {
    int n = items.size();
    List<Map<String, Double>> docs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) docs.add(null);
    int unknown = 0;
    for (Item it : catalog) {
      int i = items.get(it.id());
      if (i < 0) {
        unknown++;
        continue;
      }
      Map<String, Double> tf = new HashMap<>();
      add(tf, it.title(), 1);
      for (String level : it.categoryPath()) add(tf, level, 1);
      add(tf, it.brand(), 1);
      if (description) add(tf, it.description(), DESCRIPTION_WEIGHT);
      docs.set(i, tf);
    }
    if (unknown > 0) LOG.info("content: {} catalog items are not in the item index and get no vector", unknown);
    IdIndex terms = new IdIndex();
    List<Integer> df = new ArrayList<>();
    int withText = 0;
    for (Map<String, Double> d : docs) {
      if (d == null || d.isEmpty()) continue;
      withText++;
      for (String t : d.keySet()) {
        int k = terms.add(t);
        if (k == df.size()) df.add(0);
        df.set(k, df.get(k) + 1);
      }
    }
    List<int[]> rc = new ArrayList<>();
    List<Float> vals = new ArrayList<>();
    int dropped = 0;
    for (int k = 0; k < df.size(); k++) if (df.get(k) > maxDf) dropped++;
    for (int i = 0; i < n; i++) {
      Map<String, Double> d = docs.get(i);
      if (d == null) continue;
      double norm = 0;
      Map<Integer, Double> w = new HashMap<>();
      for (var e : d.entrySet()) {
        int k = terms.get(e.getKey());
        if (df.get(k) > maxDf) continue;
        double x = Math.log1p(e.getValue()) * (Math.log((withText + 1.0) / (df.get(k) + 1.0)) + 1);
        w.put(k, x);
        norm += x * x;
      }
      double inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (var e : w.entrySet()) {
        rc.add(new int[] {i, e.getKey()});
        vals.add((float) (e.getValue() * inv));
      }
    }
    if (dropped > 0) LOG.info("content: dropped {} terms found in more than content.max_df={} items", dropped, maxDf);
    int m = rc.size();
    int[] r = new int[m], c = new int[m];
    float[] v = new float[m];
    for (int p = 0; p < m; p++) {
      r[p] = rc.get(p)[0];
      c[p] = rc.get(p)[1];
      v[p] = vals.get(p);
    }
    return InteractionMatrix.fromTriples(items, terms, r, c, v, m);
  }

  private static void add(Map<String, Double> tf, String text, double weight) {
    for (String t : TextAnalyzer.tokens(text)) tf.merge(t, weight, Double::sum);
  }

  @Override
  public ItemNeighbourModel read(DataInputStream in, InteractionMatrix data) throws IOException {
    return ItemNeighbourModel.read(NAME, in, data);
  }
}
