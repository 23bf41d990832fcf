package io.shopsense.search.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;

/**
 * Reads item ids and content hashes straight from the index terms and doc values, so the writer can
 * tell changed items from unchanged ones without loading documents. O(ids × segments) term seeks.
 */
final class IndexedIds {
  private IndexedIds() {}

  /** The content hash of each id that is live in the index. */
  static Map<String, byte[]> hashes(IndexReader reader, Collection<String> ids) throws IOException {
    Map<String, byte[]> out = new HashMap<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(ItemDocuments.ID);
      if (terms == null) continue;
      TermsEnum te = terms.iterator();
      Bits live = leaf.reader().getLiveDocs();
      BinaryDocValues hashes = null;
      PostingsEnum pe = null;
      int lastDoc = -1;
      // doc values iterate forward only: collect this leaf's docs first, then read them in order
      Map<Integer, String> docs = new java.util.TreeMap<>();
      for (String id : ids) {
        if (!te.seekExact(new BytesRef(id))) continue;
        pe = te.postings(pe, PostingsEnum.NONE);
        for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
          if (live == null || live.get(d)) docs.put(d, id);
        }
      }
      if (docs.isEmpty()) continue;
      hashes = leaf.reader().getBinaryDocValues(ItemDocuments.HASH);
      for (Map.Entry<Integer, String> e : docs.entrySet()) {
        int d = e.getKey();
        if (hashes != null && d > lastDoc && hashes.advanceExact(d)) {
          BytesRef b = hashes.binaryValue();
          out.put(e.getValue(), Arrays.copyOfRange(b.bytes, b.offset, b.offset + b.length));
          lastDoc = d;
        } else {
          out.put(e.getValue(), new byte[0]); // indexed without a hash (older schema): always rewrite
        }
      }
    }
    return out;
  }

  /** Every live id in the index. */
  static Set<String> all(IndexReader reader) throws IOException {
    Set<String> out = new HashSet<>();
    for (LeafReaderContext leaf : reader.leaves()) {
      Terms terms = leaf.reader().terms(ItemDocuments.ID);
      if (terms == null) continue;
      Bits live = leaf.reader().getLiveDocs();
      TermsEnum te = terms.iterator();
      PostingsEnum pe = null;
      for (BytesRef t = te.next(); t != null; t = te.next()) {
        pe = te.postings(pe, PostingsEnum.NONE);
        for (int d = pe.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = pe.nextDoc()) {
          if (live == null || live.get(d)) {
            out.add(t.utf8ToString());
            break;
          }
        }
      }
    }
    return out;
  }
}
