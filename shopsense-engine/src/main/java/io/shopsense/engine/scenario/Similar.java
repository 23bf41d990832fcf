package io.shopsense.engine.scenario;

import io.shopsense.core.model.Item;
import io.shopsense.engine.rules.Scored;
import io.shopsense.recommend.knn.ItemNeighbourModel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntPredicate;

/**
 * Items like the anchor: its item-kNN neighbours ({@code similar.weight.itemknn}), its content
 * (TF-IDF) neighbours ({@code similar.weight.content}, raised to the item-kNN weight when the anchor
 * has no events yet), and, for an anchor the snapshot does not know or when those find too little,
 * the search index's nearest items to its title and brand (embeddings in hybrid mode,
 * {@code similar.weight.text}). "Similar" means substitutes, so blended scores are multiplied by
 * {@code 1 + similar.same_category_boost} in the anchor's leaf category (half that in its top-level
 * category): co-viewing alone also links complements. Fallbacks stay in the anchor's category first.
 */
final class Similar {
  private Similar() {}

  static List<Scored> candidates(Ctx c, Item anchor, Function<Item, List<String>> textNeighbours) {
    int col = c.snap().itemIndex(anchor.id());
    IntPredicate base = Sources.eligible(c, true);
    IntPredicate ok = i -> i != col && base.test(i);
    int k = c.pool();
    ScenarioSettings s = c.settings();
    Blend b = new Blend();
    boolean hasEvents = col >= 0 && c.snap().stats().popularity()[col] > 0;
    ItemNeighbourModel knn = c.snap().itemKnn();
    if (col >= 0 && knn != null && hasEvents) b.add(neighbours(c, knn, col, "itemknn", anchor.id(), ok, k), s.similarItemKnn());
    ItemNeighbourModel content = c.snap().content();
    if (col >= 0 && content != null) {
      double w = hasEvents ? s.similarContent() : Math.max(s.similarContent(), s.similarItemKnn());
      b.add(neighbours(c, content, col, "content", anchor.id(), ok, k), w);
    }
    if (b.size() < c.n() && textNeighbours != null && s.similarText() > 0) {
      List<Scored> text = new ArrayList<>();
      List<String> ids = textNeighbours.apply(anchor);
      for (String id : ids) {
        if (id.equals(anchor.id())) continue;
        text.add(new Scored(id, 1 - text.size() / (double) Math.max(k, ids.size()), "text", anchor.id()));
      }
      b.add(text, s.similarText());
    }
    double boost = s.similarSameCategory();
    if (boost > 0) {
      b.scale(c.catalog()::item, it -> {
        if (it == null || anchor.category() == null) return 1;
        if (anchor.category().equals(it.category())) return 1 + boost;
        return anchor.topCategory() != null && anchor.topCategory().equals(it.topCategory()) ? 1 + boost / 2 : 1;
      });
    }
    if (b.size() < 3 * c.n()) Sources.fallbacks(c, b, anchor.category(), ok);
    return b.result();
  }

  private static List<Scored> neighbours(Ctx c, ItemNeighbourModel m, int col, String source, String anchor,
      IntPredicate ok, int k) {
    float[] sc = Sources.scratch(m.numItems()); // only its top k is kept
    m.scoreItemSet(new int[] {col}, null, sc);
    return Sources.withAnchor(Sources.top(c, sc, k, source, ok), anchor);
  }
}
