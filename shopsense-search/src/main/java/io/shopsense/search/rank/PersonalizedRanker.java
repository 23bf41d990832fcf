package io.shopsense.search.rank;

import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.profile.PriceBands;
import io.shopsense.search.SearchHit;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Serving-side re-ranking: the candidates of a search (hybrid retrieval order) get their feature
 * rows for this shopper and moment, the ranker scores them, and they come back best first (ties
 * keep retrieval order), each with its reasons in words when asked. With
 * {@link RankingContext#personalize()} false every personal feature is 0, so the order is the same
 * for every shopper. O(candidates x features) plus the ranker's scoring; thread-safe.
 */
public final class PersonalizedRanker implements AutoCloseable {
  /**
   * One re-ranked result.
   *
   * @param score the ranker's score
   * @param reasons why it ranks where it does (empty unless explanations were asked for)
   */
  public record RankedHit(SearchHit hit, double score, List<Explanations.Reason> reasons) {}

  private final RankingFeatures features;
  private final Ranker ranker;
  private final RankSettings settings;

  public PersonalizedRanker(RankingFeatures features, Ranker ranker, RankSettings settings) {
    this.features = features;
    this.ranker = ranker;
    this.settings = settings;
  }

  /** Re-ranks all candidates. */
  public List<RankedHit> rerank(RankingContext ctx, List<SearchHit> candidates, boolean explain) {
    return rerank(ctx, candidates, candidates.size(), explain);
  }

  /** The best {@code n} of the candidates (explanations computed for those only). */
  public List<RankedHit> rerank(RankingContext ctx, List<SearchHit> candidates, int n, boolean explain) {
    return rerank(ctx, candidates, n, explain ? n : 0);
  }

  /**
   * The best {@code n} of the candidates, the first {@code explainTop} of them with reasons (an
   * explanation costs one contribution pass per result: SHAP for LambdaMART).
   */
  public List<RankedHit> rerank(RankingContext ctx, List<SearchHit> candidates, int n, int explainTop) {
    int m = candidates.size();
    if (m == 0) return List.of();
    float[] x = features.compute(ctx, candidates);
    double[] s = ranker.score(x, m);
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) order[i] = i;
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -s[i]).thenComparingInt(i -> i));
    List<RankedHit> out = new ArrayList<>(Math.min(n, m));
    for (int k = 0; k < Math.min(n, m); k++) {
      int i = order[k];
      List<Explanations.Reason> why = k < explainTop
          ? Explanations.reasons(ranker.contributions(x, i), candidates.get(i), settings.maxReasons(), settings.minReason())
          : List.of();
      out.add(new RankedHit(candidates.get(i), s[i], why));
    }
    return out;
  }

  public Ranker ranker() {
    return ranker;
  }

  public RankingFeatures features() {
    return features;
  }

  /** File names under a model directory. */
  static final String RANKER_FILE = "ranker.txt";
  static final String STATS_FILE = "ranking-stats.bin";

  /**
   * Writes the ranker ({@value #RANKER_FILE}) and the behaviour statistics it serves with
   * ({@value #STATS_FILE}) into {@code dir}, each atomically. The catalog-derived parts (price
   * bands, promotions) and the collaborative model are supplied again at {@link #load}.
   */
  public void save(Path dir) {
    Rankers.save(ranker, dir.resolve(RANKER_FILE));
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, STATS_FILE, ".part");
      try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
        features.stats().write(out);
        features.intent().write(out);
      }
      Files.move(tmp, dir.resolve(STATS_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ranking statistics under " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads what {@link #save} wrote.
   *
   * @param items the catalog (price bands, item categories for the query intent)
   * @param collaborative the serving collaborative scorer, or null
   */
  public static PersonalizedRanker load(Path dir, List<Item> items, List<Promotion> promotions,
      CollaborativeScores collaborative, RankSettings settings) {
    java.util.Map<String, String> categories = new java.util.HashMap<>();
    java.util.Map<String, Item> byId = new java.util.HashMap<>();
    for (Item it : items) {
      categories.put(it.id(), it.category());
      byId.put(it.id(), it);
    }
    ItemStats stats;
    QueryIntent intent;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(dir.resolve(STATS_FILE))))) {
      stats = ItemStats.read(in);
      intent = QueryIntent.read(in, categories::get);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read ranking statistics under " + dir + ": " + e.getMessage(), e);
    }
    Ranker r = Rankers.load(dir.resolve(RANKER_FILE));
    return new PersonalizedRanker(new RankingFeatures(stats, intent, PriceBands.fit(items), new Promotions(promotions),
        collaborative, byId::get), r, settings);
  }

  @Override
  public void close() {
    features.close();
    ranker.close();
  }
}
