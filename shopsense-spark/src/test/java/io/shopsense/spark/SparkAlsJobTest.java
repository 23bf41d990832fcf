package io.shopsense.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.InteractionMatrix;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.Stores;
import io.shopsense.recommend.Checkerboard;
import io.shopsense.recommend.MatrixFiles;
import io.shopsense.recommend.ScoredItem;
import io.shopsense.recommend.mf.FactorModel;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SparkAlsJob} end to end: events in a real store (SQLite file, embedded PostgreSQL) read
 * through the store SPI, trained on Spark, written as files the engine's format reads.
 */
class SparkAlsJobTest {
  @TempDir
  Path dir;

  /** The checkerboard's interactions as purchase events (one per non-zero), in user order. */
  private static List<Event> checkerboardEvents(Checkerboard cb) {
    InteractionMatrix m = cb.train;
    List<Event> events = new ArrayList<>();
    long t = 1_700_000_000_000L;
    for (int u = 0; u < m.rows(); u++) {
      for (int q = m.rowStart(u); q < m.rowEnd(u); q++) {
        events.add(Event.of(m.rowIds().id(u), EventType.PURCHASE, m.colIds().id(m.colIndex()[q]), t++));
      }
    }
    return events;
  }

  private Map<String, String> trainFrom(String storeUrl, Path out) {
    return SparkAlsJob.run(SparkAlsJob.parse(new String[] {"--store", storeUrl, "--out", out.toString(),
        "--work-dir", dir.resolve("work").toString(), "--set", "als.factors=8", "--set", "als.iterations=6",
        "--set", "spark.master=local[2]"}));
  }

  /** Each checkerboard user's held-out item is the top-1 unseen item of the model the job wrote, matched by id. */
  private static void assertKnownAnswer(Checkerboard cb, Path out) throws IOException {
    IdIndex users = MatrixFiles.readIds(out.resolve(MatrixFiles.USERS));
    IdIndex items = MatrixFiles.readIds(out.resolve(MatrixFiles.ITEMS));
    FactorModel model;
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(out.resolve("model-als.bin"))))) {
      model = FactorModel.read(in, null, "als");
    }
    assertThat(model.numUsers()).isEqualTo(users.size()).isEqualTo(cb.train.rows());
    assertThat(model.numItems()).isEqualTo(items.size()).isEqualTo(cb.train.cols());
    for (int u = 0; u < cb.train.rows(); u++) {
      int user = u;
      int row = users.get(cb.train.rowIds().id(u));
      List<ScoredItem> top = model.recommend(row, 1, i -> cb.train.get(user, cb.train.colIds().get(items.id(i))) == 0);
      assertThat(items.id(top.get(0).item())).as("user %s", cb.train.rowIds().id(u))
          .isEqualTo(cb.train.colIds().id(cb.heldOut[u]));
    }
  }

  @Test
  void trainsFromASqliteStoreAndWritesTheModelFormat() throws IOException {
    Checkerboard cb = Checkerboard.build();
    String url = "sqlite:" + dir.resolve("shop.db");
    try (Store s = Stores.open(url)) {
      s.append(checkerboardEvents(cb));
    }
    Path out = dir.resolve("out");
    Map<String, String> report = trainFrom(url, out);
    assertThat(report).containsEntry("model", "als").containsEntry("users", "48").containsEntry("items", "32")
        .containsEntry("nnz", "336").containsEntry("master", "local[2]").containsKey("fit_seconds");
    assertThat(Files.readString(out.resolve(SparkAlsJob.REPORT))).contains("spark_version=4.2.0");
    assertKnownAnswer(cb, out);
  }

  @Test
  void trainsFromAPostgresStore() throws IOException {
    Checkerboard cb = Checkerboard.build();
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = "postgresql://postgres@localhost:" + pg.getPort() + "/postgres";
      try (Store s = Stores.open(url)) {
        s.append(checkerboardEvents(cb));
      }
      Path out = dir.resolve("pg-out");
      assertThat(trainFrom(url, out)).containsEntry("nnz", "336");
      assertKnownAnswer(cb, out);
    }
  }

  @Test
  void trainsFromAMatrixDirectory() throws IOException {
    Checkerboard cb = Checkerboard.build();
    MatrixFiles.write(cb.train, dir.resolve("matrix"));
    Path out = dir.resolve("m-out");
    SparkAlsJob.run(SparkAlsJob.parse(new String[] {"--matrix", dir.resolve("matrix").toString(), "--out", out.toString(),
        "--work-dir", dir.resolve("work").toString(), "--set", "als.factors=8", "--set", "als.iterations=6"}));
    assertThat(MatrixFiles.readIds(out.resolve(MatrixFiles.USERS)).ids()).isEqualTo(cb.train.rowIds().ids());
    assertKnownAnswer(cb, out);
  }

  @Test
  void badCommandLinesAreOneLineErrors() {
    assertThatThrownBy(() -> SparkAlsJob.parse(new String[] {"--out", "x", "--store", "sqlite:a.db", "--matrix", "m"}))
        .hasMessage("give one of --store URL and --matrix DIR, not both");
    assertThatThrownBy(() -> SparkAlsJob.parse(new String[] {"--store", "sqlite:a.db"}))
        .hasMessage("--out DIR is required");
    assertThatThrownBy(() -> SparkAlsJob.parse(new String[] {"--store", "sqlite:a.db", "--out", "x", "--set", "als.factors"}))
        .hasMessage("--set needs KEY=VALUE, got 'als.factors'");
    assertThatThrownBy(() -> SparkAlsJob.parse(new String[] {"--store", "sqlite:a.db", "--out", "x", "--rank", "3"}))
        .hasMessageStartingWith("unknown option --rank");
    // parameters are checked before a session is started
    assertThatThrownBy(() -> SparkAlsJob.run(SparkAlsJob.parse(new String[] {"--matrix", dir.toString(), "--out",
        dir.resolve("o").toString(), "--set", "als.factors=0"})))
        .hasMessage("als.factors must be between 1 and 1024, got 0");
  }
}
