package io.shopsense.core.io;

import static io.shopsense.core.io.JsonlReaderTest.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.shopsense.core.io.RatingsReader.Layout;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RatingsReaderTest {
  @TempDir Path dir;

  private static Event rate(String user, String item, double rating, long seconds) {
    return new Event(null, user, EventType.RATE, item, seconds * 1000, null, null, rating, null, null, null);
  }

  @Test
  void readsUData() {
    assertThat(readAll(RatingsReader.open(Fixtures.file("u.data"), ImportFormat.MOVIELENS))).containsExactly(
        rate("196", "242", 3, 881250949), rate("186", "302", 3, 891717742), rate("22", "377", 1, 878887116),
        rate("196", "51", 2, 880606923));
  }

  @Test
  void readsRatingsDat() {
    assertThat(readAll(RatingsReader.open(Fixtures.file("ratings.dat"), ImportFormat.MOVIELENS))).containsExactly(
        rate("1", "1193", 5, 978300760), rate("1", "661", 3, 978302109), rate("2", "1357", 5, 978298709));
  }

  @Test
  void readsRatingsCsvWithHalfStars() {
    assertThat(readAll(RatingsReader.open(Fixtures.file("ratings.csv"), ImportFormat.MOVIELENS))).containsExactly(
        rate("1", "1", 4, 964982703), rate("1", "3", 0.5, 964981247), rate("2", "6", 4.5, 964982224));
  }

  @Test
  void readsNcf() {
    assertThat(readAll(RatingsReader.open(Fixtures.file("ml.test.rating"), ImportFormat.NCF))).containsExactly(
        rate("0", "32", 4, 978824330), rate("1", "34", 5, 978299200));
  }

  @Test
  void detectsTheLayoutByNameThenContent() throws IOException {
    assertThat(RatingsReader.detect(Fixtures.file("u.data"))).isEqualTo(Layout.TAB);
    assertThat(RatingsReader.detect(Fixtures.file("ratings.dat"))).isEqualTo(Layout.DAT);
    assertThat(RatingsReader.detect(Fixtures.file("ratings.csv"))).isEqualTo(Layout.CSV);
    assertThat(RatingsReader.detect(write("mine.txt", "1::2::3::4\n"))).isEqualTo(Layout.DAT);
    assertThat(RatingsReader.detect(write("mine.txt", "\n1\t2\t3\t4\n"))).isEqualTo(Layout.TAB);
    assertThat(RatingsReader.detect(write("mine.txt", "userId,movieId,rating,timestamp\n"))).isEqualTo(Layout.CSV);
    Path odd = write("odd.txt", "1 2 3 4\n");
    assertThatThrownBy(() -> RatingsReader.detect(odd)).isInstanceOf(InputException.class).hasMessage(odd
        + ":1: cannot tell the MovieLens layout: expected user, item, rating and timestamp separated by tabs, '::' or commas");
  }

  @Test
  void readsTheSharedNcfTestFileWhenPresent() {
    var f = io.shopsense.core.SharedData.file("ncf/ml-1m.test.rating");
    org.junit.jupiter.api.Assumptions.assumeTrue(f.isPresent(), "shared data ncf/ml-1m.test.rating not found");
    var events = readAll(RatingsReader.open(f.get(), ImportFormat.NCF));
    assertThat(events).hasSize(6040);
    assertThat(events).extracting(Event::user).doesNotHaveDuplicates();
  }

  // ---- bad input, exact messages ----

  @Test
  void badLines() throws IOException {
    assertError("u.data", "1\t2\t3\t4\n1\t2\t3\n", ":2: expected 4 tab-separated fields (user, item, rating, timestamp), got 3");
    assertError("u.data", "1\t2\tfive\t4\n", ":1: field 'rating': expected a number, got \"five\"");
    assertError("u.data", "1\t2\t7\t4\n", ":1: field 'rating': rating must be above 0 and at most 5, got 7");
    assertError("u.data", "1\t2\t3\t-4\n", ":1: field 'timestamp': expected Unix seconds (a non-negative integer), got \"-4\"");
    assertError("u.data", "\t2\t3\t4\n", ":1: field 'user': must not be empty");
    assertError("ratings.dat", "1::2::3\n", ":1: expected 4 '::'-separated fields (user, item, rating, timestamp), got 3");
    assertError("ratings.csv", "user,item,rating,time\n1,2,3,4\n",
        ":1: expected the header 'userId,movieId,rating,timestamp', got \"user,item,rating,time\"");
    assertError("ratings.csv", "", ": file is empty");
  }

  private void assertError(String name, String content, String suffix) throws IOException {
    Path f = write(name, content);
    assertThatThrownBy(() -> readAll(RatingsReader.open(f, ImportFormat.MOVIELENS)))
        .isInstanceOf(InputException.class).hasMessage(f + suffix);
  }

  private Path write(String name, String content) throws IOException {
    Path f = dir.resolve(name);
    Files.writeString(f, content);
    return f;
  }
}
