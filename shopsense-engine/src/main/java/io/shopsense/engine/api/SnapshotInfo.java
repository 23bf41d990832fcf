package io.shopsense.engine.api;

import java.util.List;
import java.util.Map;

/**
 * One model snapshot under {@code <data>/models/}.
 *
 * @param version increasing number, also the directory name ({@code models/000007})
 * @param created epoch ms when it was trained
 * @param algorithms the fitted algorithms
 * @param metrics per algorithm, holdout metrics such as {@code hr@10} and {@code ndcg@10}; the search
 *     re-ranker's held-out NDCG@10 under {@code search-ranker}
 * @param status {@code current} (serving), {@code published} (kept, not serving) or {@code refused: <why>}
 *     (failed its checksums)
 * @param events events the models were trained on
 * @param users users (rows) of the training matrix
 * @param items items (columns) of the training matrix
 * @param searchRanker the search re-ranker trained with it ({@code lambdamart} or {@code linear}; null
 *     for snapshots without one); its held-out figures are {@code metrics["search-ranker"]}
 * @param searchReport which search ranker serves and why, in words
 */
public record SnapshotInfo(long version, long created, List<String> algorithms, Map<String, Map<String, Double>> metrics,
    String status, long events, int users, int items, String searchRanker, String searchReport) {

  /** True when this snapshot is the one serving. */
  public boolean current() {
    return "current".equals(status);
  }
}
