package io.shopsense.search.rank;

import io.shopsense.search.SearchHit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a ranker's per-feature contributions into words: the features that pushed a result up the
 * most, each as its {@link Feature#phrase()} filled with the item's brand, shop or category ("you
 * often buy Nike", "popular for this search", "matches your price range"). Contributions are
 * compared as they come (linear terms or SHAP values: both are in score units); only positive ones
 * above {@code minContribution} speak, and phrases shared by two features appear once.
 */
public final class Explanations {
  /**
   * One reason.
   *
   * @param contribution the feature's share of the score
   */
  public record Reason(Feature feature, double contribution, String text) {}

  private Explanations() {}

  /** Up to {@code max} reasons, strongest first. */
  public static List<Reason> reasons(double[] contributions, SearchHit hit, int max, double minContribution) {
    List<Feature> order = new ArrayList<>(List.of(Feature.values()));
    order.sort(Comparator.comparingDouble((Feature f) -> -contributions[f.ordinal()]));
    List<Reason> out = new ArrayList<>();
    Set<String> said = new LinkedHashSet<>();
    for (Feature f : order) {
      double c = contributions[f.ordinal()];
      if (out.size() >= max || !(c > minContribution)) break;
      String text = fill(f.phrase(), hit);
      if (text == null || !said.add(text)) continue;
      out.add(new Reason(f, c, text));
    }
    return out;
  }

  /** The reasons joined for a response's {@code reason} field ("you often buy Nike; popular for this search"). */
  public static String text(List<Reason> reasons) {
    return String.join("; ", reasons.stream().map(Reason::text).toList());
  }

  /** The phrase with the hit's names in place; null when a needed name is missing. */
  static String fill(String phrase, SearchHit hit) {
    String s = phrase;
    s = replace(s, "%brand%", hit.brand());
    s = replace(s, "%shop%", hit.shop());
    s = replace(s, "%category%", leaf(hit.category()));
    s = replace(s, "%top%", RankingFeatures.top(hit.category()));
    return s;
  }

  private static String replace(String s, String key, String value) {
    if (s == null || !s.contains(key)) return s;
    return value == null || value.isBlank() ? null : s.replace(key, value);
  }

  private static String leaf(String category) {
    if (category == null) return null;
    int gt = category.lastIndexOf('>');
    return gt < 0 ? category : category.substring(gt + 1);
  }
}
