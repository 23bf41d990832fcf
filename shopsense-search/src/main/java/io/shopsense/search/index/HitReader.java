package io.shopsense.search.index;

import io.shopsense.search.SearchHit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.NumericUtils;

/**
 * Reads what a hit shows and what a re-ranker needs for a set of documents, from doc values (small
 * blocks, random access) rather than stored fields (large compressed chunks), one segment at a time
 * in doc order. O(docs + segments).
 */
final class HitReader {
  /** The displayed fields of one document. */
  record Fields(String id, String title, String brand, String shop, String category, double price, boolean inStock,
      long created) {
    SearchHit toHit(double score, double bm25, int bm25Rank, Double sim, int vecRank) {
      return new SearchHit(id, title, brand, shop, category, price, inStock, created, score, bm25, bm25Rank, sim,
          vecRank);
    }
  }

  private HitReader() {}

  /** The fields of each doc (global ids), in the order given. */
  static Fields[] read(IndexSearcher searcher, int[] docs) throws IOException {
    Fields[] out = new Fields[docs.length];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (int[] pos : bySegment(docs, leaves)) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[pos[0]], leaves));
      LeafReader r = leaf.reader();
      SortedDocValues id = DocValues.getSorted(r, ItemDocuments.ID);
      BinaryDocValues title = DocValues.getBinary(r, ItemDocuments.TITLE_DV);
      SortedDocValues brand = DocValues.getSorted(r, ItemDocuments.BRAND_FACET);
      SortedDocValues shop = DocValues.getSorted(r, ItemDocuments.SHOP);
      SortedDocValues cat = DocValues.getSorted(r, ItemDocuments.CATEGORY_DV);
      NumericDocValues price = DocValues.getNumeric(r, ItemDocuments.PRICE);
      NumericDocValues stock = DocValues.getNumeric(r, ItemDocuments.IN_STOCK);
      NumericDocValues created = DocValues.getNumeric(r, ItemDocuments.CREATED);
      for (int p : pos) {
        int d = docs[p] - leaf.docBase;
        out[p] = new Fields(sorted(id, d), title.advanceExact(d) ? title.binaryValue().utf8ToString() : null,
            sorted(brand, d), sorted(shop, d), sorted(cat, d),
            price.advanceExact(d) ? NumericUtils.sortableLongToDouble(price.longValue()) : 0,
            stock.advanceExact(d) && stock.longValue() == 1, created.advanceExact(d) ? created.longValue() : 0);
      }
    }
    return out;
  }

  /** The score of {@code weight} for each doc (0 where it does not match), one scorer per segment. */
  static double[] scores(IndexSearcher searcher, Weight weight, int[] docs) throws IOException {
    double[] out = new double[docs.length];
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    for (int[] pos : bySegment(docs, leaves)) {
      LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(docs[pos[0]], leaves));
      Scorer s = weight.scorer(leaf);
      if (s == null) continue;
      var it = s.iterator();
      for (int p : pos) {
        int d = docs[p] - leaf.docBase;
        int at = it.docID() >= d ? it.docID() : it.advance(d);
        if (at == d) out[p] = s.score();
      }
    }
    return out;
  }

  private static String sorted(SortedDocValues dv, int doc) throws IOException {
    if (!dv.advanceExact(doc)) return null;
    BytesRef b = dv.lookupOrd(dv.ordValue());
    return b.utf8ToString();
  }

  /**
   * Positions of {@code docs} grouped by segment, each group in ascending doc order (doc values and
   * scorers only move forward). A doc listed twice lands in a later group of the same segment.
   */
  private static List<int[]> bySegment(int[] docs, List<LeafReaderContext> leaves) {
    Integer[] order = new Integer[docs.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Integer.compare(docs[a], docs[b]));
    List<int[]> groups = new ArrayList<>();
    List<Integer> cur = new ArrayList<>();
    int curLeaf = -1;
    int lastDoc = -1;
    for (Integer p : order) {
      int leaf = ReaderUtil.subIndex(docs[p], leaves);
      if (!cur.isEmpty() && (leaf != curLeaf || docs[p] == lastDoc)) {
        groups.add(cur.stream().mapToInt(Integer::intValue).toArray());
        cur.clear();
      }
      cur.add(p);
      curLeaf = leaf;
      lastDoc = docs[p];
    }
    if (!cur.isEmpty()) groups.add(cur.stream().mapToInt(Integer::intValue).toArray());
    return groups;
  }
}
