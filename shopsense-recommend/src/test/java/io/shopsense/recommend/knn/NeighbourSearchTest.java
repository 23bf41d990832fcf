package io.shopsense.recommend.knn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.recommend.TestData;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sparse kernel against a brute-force reading of the {@link Similarity} formulas. */
class NeighbourSearchTest {
  /** Straight from the javadoc formulas, on dense rows (0 = absent). */
  static double bruteForce(double[] a, double[] b, Similarity s, double shrink) {
    int n = a.length;
    if (s == Similarity.PEARSON) return pearson(a, b, shrink);
    double ma = 0, mb = 0;
    int ca = 0, cb = 0, common = 0, union = 0;
    for (int k = 0; k < n; k++) {
      if (a[k] != 0) { ma += a[k]; ca++; }
      if (b[k] != 0) { mb += b[k]; cb++; }
      if (a[k] != 0 && b[k] != 0) common++;
      if (a[k] != 0 || b[k] != 0) union++;
    }
    ma = ca > 0 ? ma / ca : 0;
    mb = cb > 0 ? mb / cb : 0;
    ma = 0;
    mb = 0;
    double dot = 0, na = 0, nb = 0;
    for (int k = 0; k < n; k++) {
      if (a[k] != 0) na += (a[k] - ma) * (a[k] - ma);
      if (b[k] != 0) nb += (b[k] - mb) * (b[k] - mb);
      if (a[k] != 0 && b[k] != 0) dot += (a[k] - ma) * (b[k] - mb);
    }
    double sim = s == Similarity.JACCARD ? (union == 0 ? 0 : (double) common / union)
        : (na * nb > 0 ? dot / Math.sqrt(na * nb) : 0);
    return shrink > 0 ? sim * common / (common + shrink) : sim;
  }

  /** Textbook Pearson correlation of the full vectors (absent = 0), with the same shrinkage. */
  static double pearson(double[] a, double[] b, double shrink) {
    int n = a.length, common = 0;
    double ma = 0, mb = 0;
    for (int k = 0; k < n; k++) {
      ma += a[k] / n;
      mb += b[k] / n;
      if (a[k] != 0 && b[k] != 0) common++;
    }
    double cov = 0, va = 0, vb = 0;
    for (int k = 0; k < n; k++) {
      cov += (a[k] - ma) * (b[k] - mb);
      va += (a[k] - ma) * (a[k] - ma);
      vb += (b[k] - mb) * (b[k] - mb);
    }
    double sim = va * vb > 0 ? cov / Math.sqrt(va * vb) : 0;
    return shrink > 0 ? sim * common / (common + shrink) : sim;
  }

  static double[][] dense(InteractionMatrix m) {
    double[][] d = new double[m.rows()][m.cols()];
    for (int r = 0; r < m.rows(); r++) for (int p = m.rowStart(r); p < m.rowEnd(r); p++) d[r][m.colIndex()[p]] = m.values()[p];
    return d;
  }

  @Test
  void topKMatchesBruteForceForEverySimilarity() {
    // dense-ish rows take the scan path of the kernel
    checkAgainstBruteForce(TestData.random(60, 40, 6, 20240501L), 20240501L);
  }

  @Test
  void topKMatchesBruteForceOnVerySparseRows() {
    // rows touching few of many rows take the touched-list path
    checkAgainstBruteForce(TestData.random(150, 300, 1, 77L), 77L);
  }

  private static void checkAgainstBruteForce(InteractionMatrix m, long seed) {
    double[][] d = dense(m);
    for (Similarity s : Similarity.values()) {
      for (double shrink : new double[] {0, 3}) {
        int k = 7;
        Neighbours got = NeighbourSearch.build(m, s, k, shrink, 2, null);
        for (int a = 0; a < m.rows(); a++) {
          List<Neighbour> expected = new ArrayList<>();
          for (int b = 0; b < m.rows(); b++) {
            double v = bruteForce(d[a], d[b], s, shrink);
            if (b != a && (float) v > 0) expected.add(new Neighbour(b, (float) v));
          }
          expected.sort(Comparator.comparingDouble((Neighbour x) -> -x.similarity()).thenComparingInt(Neighbour::index));
          List<Neighbour> top = expected.subList(0, Math.min(k, expected.size()));
          List<Neighbour> actual = got.of(a);
          assertThat(actual).as("%s shrink %s row %d seed %d", s, shrink, a, seed).hasSize(top.size());
          for (int t = 0; t < top.size(); t++) {
            // similarities to 1e-5; indices may only differ where similarities tie within float noise
            assertThat(actual.get(t).similarity()).as("%s row %d rank %d seed %d", s, a, t, seed)
                .isCloseTo(top.get(t).similarity(), within(1e-5f));
            if (Math.abs(actual.get(t).similarity() - top.get(t).similarity()) == 0) {
              assertThat(actual.get(t).index()).as("%s row %d rank %d", s, a, t).isEqualTo(top.get(t).index());
            }
          }
        }
      }
    }
  }

  @Test
  void identicalListsForAnyThreadCount() {
    InteractionMatrix m = TestData.random(400, 150, 10, 3).transpose();
    Neighbours one = NeighbourSearch.build(m, Similarity.COSINE, 20, 2, 1, null);
    for (int threads : new int[] {2, 3, 8}) {
      Neighbours t = NeighbourSearch.build(m, Similarity.COSINE, 20, 2, threads, null);
      for (int r = 0; r < m.rows(); r++) assertThat(t.of(r)).as("threads %d row %d", threads, r).isEqualTo(one.of(r));
    }
  }

  @Test
  void neighbourCountIsClampedToTheOtherRows() {
    InteractionMatrix m = TestData.fromRows(new double[][] {{1, 1}, {1, 0}, {0, 1}});
    Neighbours n = NeighbourSearch.build(m, Similarity.COSINE, 1000, 0, 1, null);
    assertThat(n.of(0)).hasSize(2);
    assertThat(n.of(1)).extracting(Neighbour::index).containsExactly(0); // rows 1 and 2 share nothing
  }

  @Test
  void reverseListsHoldEveryPairOnce() {
    InteractionMatrix m = TestData.random(50, 30, 5, 9).transpose();
    Neighbours n = NeighbourSearch.build(m, Similarity.JACCARD, 4, 0, 1, null);
    Neighbours r = n.reverse();
    assertThat(r.size()).isEqualTo(n.size());
    for (int a = 0; a < n.rows(); a++) {
      for (Neighbour b : n.of(a)) assertThat(r.of(b.index())).contains(new Neighbour(a, b.similarity()));
    }
  }
}
