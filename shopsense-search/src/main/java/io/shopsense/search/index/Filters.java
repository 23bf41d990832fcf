package io.shopsense.search.index;

import io.shopsense.search.SearchRequest;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/** Turns a request's filters into one non-scoring query (null when there are none). */
final class Filters {
  private Filters() {}

  static Query of(SearchRequest r) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean any = false;
    String cat = ItemDocuments.normalizeCategory(r.category());
    if (cat != null) {
      b.add(new TermQuery(new Term(ItemDocuments.CATEGORY_PATH, cat)), Occur.FILTER);
      any = true;
    }
    if (r.brand() != null && !r.brand().isBlank()) {
      b.add(new TermQuery(new Term(ItemDocuments.BRAND_KEY, ItemDocuments.brandKey(r.brand()))), Occur.FILTER);
      any = true;
    }
    if (r.shop() != null && !r.shop().isBlank()) {
      b.add(new TermQuery(new Term(ItemDocuments.SHOP, r.shop().trim())), Occur.FILTER);
      any = true;
    }
    if (r.minPrice() != null || r.maxPrice() != null) {
      double lo = r.minPrice() == null ? Double.NEGATIVE_INFINITY : r.minPrice();
      double hi = r.maxPrice() == null ? Double.POSITIVE_INFINITY : r.maxPrice();
      b.add(DoublePoint.newRangeQuery(ItemDocuments.PRICE, lo, hi), Occur.FILTER);
      any = true;
    }
    if (r.inStock() != null) {
      b.add(new TermQuery(new Term(ItemDocuments.IN_STOCK, r.inStock() ? "1" : "0")), Occur.FILTER);
      any = true;
    }
    return any ? b.build() : null;
  }

  /** {@code query} restricted by {@code filter} (either may be null, not both). */
  static Query and(Query query, Query filter) {
    if (filter == null) return query;
    if (query == null) return filter;
    return new BooleanQuery.Builder().add(query, Occur.MUST).add(filter, Occur.FILTER).build();
  }
}
