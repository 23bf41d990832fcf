package io.shopsense.recommend.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.config.Config;
import io.shopsense.core.io.ImportFormat;
import io.shopsense.core.io.InputException;
import io.shopsense.core.matrix.IdIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalFilesTest {
  private static final Config CFG = Config.defaults();
  private static final Config RAW = Config.defaults().with(java.util.Map.of("eval.ratings_as_implicit", "false"));
  @TempDir Path dir;

  @Test
  void readsTheThreeMovieLensLayouts() throws Exception {
    Path tab = Files.writeString(dir.resolve("u1.base"), "1\t10\t4\t881250949\n1\t20\t3\t881250950\n");
    Path dat = Files.writeString(dir.resolve("ratings.dat"), "1::10::4::978300760\n");
    Path csv = Files.writeString(dir.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,10,4.5,964982703\n");
    InteractionLog a = EvalFiles.readRatings(tab, ImportFormat.MOVIELENS, new IdIndex(), new IdIndex());
    assertThat(a.size()).isEqualTo(2);
    assertThat(a.time(0)).isEqualTo(881250949000L);
    assertThat(a.value(1)).isEqualTo(3f);
    assertThat(EvalFiles.readRatings(dat, ImportFormat.MOVIELENS, new IdIndex(), new IdIndex()).value(0)).isEqualTo(4f);
    InteractionLog c = EvalFiles.readRatings(csv, ImportFormat.MOVIELENS, new IdIndex(), new IdIndex());
    assertThat(c.size()).isEqualTo(1);
    assertThat(c.value(0)).isEqualTo(4.5f);
  }

  @Test
  void implicitTrainingKeepsTestRatingsAsGrades() throws Exception {
    Path tr = Files.writeString(dir.resolve("a.base"), "1\t10\t4\t1\n1\t11\t2\t2\n2\t10\t5\t1\n");
    Path te = Files.writeString(dir.resolve("a.test"), "1\t12\t5\t3\n2\t12\t3\t3\n");
    Split s = EvalFiles.givenSplit(tr, te, EvalFiles.Format.MOVIELENS, CFG);
    for (int r = 0; r < s.train().size(); r++) assertThat(s.train().value(r)).isEqualTo(1f);
    assertThat(s.test().grades(0)).containsExactly(5f);
    assertThat(s.test().graded()).isTrue();
    Split raw = EvalFiles.givenSplit(tr, te, EvalFiles.Format.MOVIELENS, RAW);
    assertThat(raw.train().toMatrix(false).get(0, 0)).isEqualTo(4f);
  }

  @Test
  void badLineNamesFileAndLine() throws Exception {
    Path bad = Files.writeString(dir.resolve("u.data"), "1\t10\t4\t1\n1\t11\tfive\t2\n");
    assertThatThrownBy(() -> EvalFiles.readRatings(bad, ImportFormat.MOVIELENS, new IdIndex(), new IdIndex()))
        .isInstanceOf(InputException.class).hasMessageContaining("u.data:2").hasMessageContaining("rating");
  }

  @Test
  void ncfSplitDeduplicatesThePositiveAmongTheNegatives() throws Exception {
    Files.writeString(dir.resolve("x.train.rating"), "0\t1\t1\t0\n0\t2\t1\t0\n1\t2\t1\t0\n");
    Path test = Files.writeString(dir.resolve("x.test.rating"), "0\t3\t5\t9\n1\t4\t5\t9\n");
    // user 0 lists its positive 3 again among its negatives
    Files.writeString(dir.resolve("x.test.negative"), "(0,3)\t5\t3\t6\n(1,4)\t5\t6\t7\n");
    Split s = EvalFiles.givenSplit(dir.resolve("x.train.rating"), test, EvalFiles.Format.NCF, CFG);
    assertThat(s.test().sampled()).isTrue();
    IdIndex items = s.train().items();
    int t0 = s.train().users().get("0") == s.test().user(0) ? 0 : 1;
    assertThat(s.test().candidates(t0)).hasSize(3).doesNotHaveDuplicates()
        .containsExactlyInAnyOrder(items.get("3"), items.get("5"), items.get("6"));
    assertThat(s.test().candidates(1 - t0)).hasSize(4);
    assertThat(s.train().size()).isEqualTo(3);
  }

  @Test
  void ncfNeedsTheNegativeFileBeside() throws Exception {
    Path tr = Files.writeString(dir.resolve("y.train.rating"), "0\t1\t1\t0\n");
    Path te = Files.writeString(dir.resolve("y.test.rating"), "0\t2\t1\t0\n");
    assertThatThrownBy(() -> EvalFiles.givenSplit(tr, te, EvalFiles.Format.NCF, CFG)).hasMessageContaining("y.test.negative");
  }

  @Test
  void recBoleTrainTakesEveryItemAndTestOnlyTheTarget() throws Exception {
    String head = "user_id:token\titem_id_list:token_seq\titem_id:token\n";
    Path tr = Files.writeString(dir.resolve("S.train.inter"), head + "0\t5\t6\n0\t5 6\t7\n1\t8\t9\n");
    Path te = Files.writeString(dir.resolve("S.test.inter"), head + "0\t5 6 7\t10\n1\t8 9\t11\n");
    Split s = EvalFiles.givenSplit(tr, te, EvalFiles.Format.RECBOLE, CFG);
    assertThat(s.train().size()).isEqualTo(5); // 5, 6, 7 for user 0; 8, 9 for user 1
    assertThat(s.test().pairs()).isEqualTo(2);
    assertThat(s.train().items().id(s.test().items(0)[0])).isEqualTo("10");
    assertThat(s.test().sampled()).isFalse();
  }

  @Test
  void jsonlTrainingIsWeighedAsProductionAndTestTakesWeightedEvents() throws Exception {
    Path tr = Files.writeString(dir.resolve("train.jsonl"),
        "{\"user\":\"a\",\"type\":\"view\",\"item\":\"x\",\"time\":1000}\n"
        + "{\"user\":\"a\",\"type\":\"purchase\",\"item\":\"x\",\"time\":2000}\n"
        + "{\"user\":\"b\",\"type\":\"click\",\"item\":\"y\",\"time\":2000}\n");
    Path te = Files.writeString(dir.resolve("test.jsonl"),
        "{\"user\":\"a\",\"type\":\"add_to_cart\",\"item\":\"y\",\"time\":3000}\n"
        + "{\"user\":\"b\",\"type\":\"search\",\"query\":\"shoes\",\"time\":3000}\n");
    Config c = Config.defaults().with(java.util.Map.of("matrix.half_life_days", "0"));
    Split s = EvalFiles.givenSplit(tr, te, EvalFiles.Format.JSONL, c);
    var m = s.train().toMatrix(false);
    assertThat(m.get(m.rowIds().get("a"), m.colIds().get("x"))).isEqualTo(9f); // view 1 + purchase 8
    assertThat(s.test().size()).isEqualTo(1); // the search names no item
    assertThat(s.test().grades(0)).containsExactly(4f); // add_to_cart weight
  }

  @Test
  void unknownFormatIsRejected() {
    assertThatThrownBy(() -> EvalFiles.format("parquet")).hasMessageContaining("movielens, ncf, jsonl or recbole");
  }
}
