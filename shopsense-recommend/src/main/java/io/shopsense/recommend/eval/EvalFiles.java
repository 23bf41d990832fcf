package io.shopsense.recommend.eval;

import io.shopsense.core.config.Config;
import io.shopsense.core.io.ImportFormat;
import io.shopsense.core.io.InputException;
import io.shopsense.core.io.JsonlReader;
import io.shopsense.core.io.RatingsReader;
import io.shopsense.core.matrix.IdIndex;
import io.shopsense.core.matrix.MatrixBuilder;
import io.shopsense.core.matrix.MatrixOptions;
import io.shopsense.core.matrix.TypeWeights;
import io.shopsense.core.model.Event;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads given train/test splits into {@link Split}s: MovieLens and NCF rating files (through the
 * importer's {@link RatingsReader}), the NCF {@code *.test.negative} candidates, JSONL event files
 * (through {@link JsonlReader}) and RecBole atomic {@code .inter} files (user, space-separated
 * history, target; the sequence position serves as time). Bad lines throw {@link InputException}
 * naming the file and line.
 */
public final class EvalFiles {
  /** Given-split formats accepted by {@link #givenSplit}. */
  public enum Format { MOVIELENS, NCF, JSONL, RECBOLE }

  private EvalFiles() {}

  /** Parses a format name ({@code movielens}, {@code ncf}, {@code jsonl}, {@code recbole}). */
  public static Format format(String name) {
    for (Format f : Format.values()) if (f.name().equalsIgnoreCase(name)) return f;
    throw new IllegalArgumentException("unknown format '" + name + "' (expected movielens, ncf, jsonl or recbole)");
  }

  /**
   * Reads a train file and a test file of the same format into one split over shared indexes.
   * Rating files weigh every training rating 1 when {@code eval.ratings_as_implicit} is on (the
   * test ratings stay as grades). With NCF, the {@code *.test.negative} file beside the test file
   * gives each user's negatives. JSONL training events are weighed as training weighs them
   * ({@code weight.*}, {@code matrix.*}); test pairs are the events with a positive type weight.
   * With RecBole, the training part is every item of every train row and the test part is each
   * test row's target (its history is training data).
   */
  public static Split givenSplit(Path train, Path test, Format format, Config config) {
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    InteractionLog tr;
    InteractionLog te;
    boolean implicit = config.getBoolean("eval.ratings_as_implicit");
    switch (format) {
      case MOVIELENS, NCF -> {
        ImportFormat f = format == Format.NCF ? ImportFormat.NCF : ImportFormat.MOVIELENS;
        tr = readRatings(train, f, users, items).pairs();
        if (implicit) tr = tr.withValue(1f);
        te = readRatings(test, f, users, items);
      }
      case JSONL -> {
        MatrixBuilder mb = MatrixBuilder.from(config);
        forEachEvent(train, mb::accept);
        tr = InteractionLog.fromMatrix(mb.build(), users, items);
        te = readWeightedEvents(test, MatrixOptions.from(config).weights(), users, items);
      }
      case RECBOLE -> {
        tr = readRecBole(train, users, items, true).pairs();
        te = readRecBole(test, users, items, false);
      }
      default -> throw new IllegalStateException(format.toString());
    }
    String name = train.getFileName() + " / " + test.getFileName();
    TestSet ts = TestSet.of(te);
    if (format == Format.NCF) {
      Path neg = negativesBeside(test);
      ts = ts.withCandidates(readNegatives(neg, ts, users, items));
      name += " / " + neg.getFileName();
    }
    return new Split(name, tr, ts);
  }

  /** The {@code *.test.negative} file next to a {@code *.test.rating} file. */
  public static Path negativesBeside(Path testRating) {
    String n = testRating.getFileName().toString();
    if (!n.endsWith(".test.rating")) {
      throw new IllegalArgumentException("with --format ncf the test file must be a *.test.rating file, got " + n);
    }
    Path neg = testRating.resolveSibling(n.substring(0, n.length() - ".test.rating".length()) + ".test.negative");
    if (!Files.isRegularFile(neg)) throw new IllegalArgumentException("missing " + neg + " beside the test file");
    return neg;
  }

  /** A MovieLens or NCF rating file as (user, item, rating, time) rows. */
  public static InteractionLog readRatings(Path file, ImportFormat format, IdIndex users, IdIndex items) {
    InteractionLog.Builder b = InteractionLog.builder(users, items);
    try (RatingsReader r = RatingsReader.open(file, format)) {
      Event e;
      while ((e = r.next()) != null) b.add(e.user(), e.item(), e.value().floatValue(), e.time());
    }
    return b.build();
  }

  /** The events of a JSONL file that name an item and have a positive type weight, weighted. */
  public static InteractionLog readWeightedEvents(Path file, TypeWeights weights, IdIndex users, IdIndex items) {
    InteractionLog.Builder b = InteractionLog.builder(users, items);
    forEachEvent(file, e -> {
      double w = weights.weight(e.type());
      if (e.item() != null && w > 0) b.add(e.user(), e.item(), (float) w, e.time());
    });
    if (b.size() == 0) throw new InputException(file.toString(), 0, null, "no events with an item and a positive weight");
    return b.build();
  }

  private static void forEachEvent(Path file, java.util.function.Consumer<Event> f) {
    try (JsonlReader<Event> r = JsonlReader.events(file)) {
      Event e;
      while ((e = r.next()) != null) f.accept(e);
    }
  }

  /**
   * NCF negatives: line {@code (user,item)\tneg1\t...}, one per test user. Returns the candidate
   * lists in the test set's user order (negatives only; {@link TestSet#withCandidates} adds the
   * positive and removes duplicates).
   */
  public static int[][] readNegatives(Path file, TestSet test, IdIndex users, IdIndex items) {
    Map<Integer, int[]> byUser = new HashMap<>();
    try (BufferedReader r = open(file)) {
      String line;
      long no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) continue;
        String[] f = line.split("\t");
        String head = f[0].trim();
        if (!head.startsWith("(") || !head.endsWith(")") || head.indexOf(',') < 0) {
          throw new InputException(file.toString(), no, null, "expected (user,item) then tab-separated negatives, got: " + head);
        }
        String uid = head.substring(1, head.indexOf(',')).trim();
        int u = users.get(uid);
        if (u < 0) throw new InputException(file.toString(), no, null, "user " + uid + " is not in the training or test file");
        int[] neg = new int[f.length - 1];
        for (int j = 1; j < f.length; j++) neg[j - 1] = items.add(f[j].trim());
        if (byUser.put(u, neg) != null) throw new InputException(file.toString(), no, null, "user " + uid + " listed twice");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    int[][] out = new int[test.size()][];
    for (int t = 0; t < test.size(); t++) {
      out[t] = byUser.get(test.user(t));
      if (out[t] == null) {
        throw new InputException(file.toString(), 0, null, "no negatives for test user " + users.id(test.user(t)));
      }
    }
    return out;
  }

  /**
   * A RecBole atomic {@code .inter} file with columns user, item history (space separated) and
   * target. With {@code allItems} every history item and the target are read (a training file;
   * repeated prefixes merge into one pair each), otherwise only the targets.
   */
  public static InteractionLog readRecBole(Path file, IdIndex users, IdIndex items, boolean allItems) {
    InteractionLog.Builder b = InteractionLog.builder(users, items);
    try (BufferedReader r = open(file)) {
      String line;
      long no = 0;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) continue;
        if (no == 1 && line.toLowerCase(Locale.ROOT).startsWith("user_id")) continue;
        String[] f = line.split("\t", -1);
        if (f.length != 3 || f[0].isBlank() || f[2].isBlank()) {
          throw new InputException(file.toString(), no, null, "expected user, item history and target separated by tabs");
        }
        String u = f[0].trim();
        String[] hist = f[1].isBlank() ? new String[0] : f[1].trim().split(" +");
        if (allItems) for (int j = 0; j < hist.length; j++) b.add(u, hist[j], 1f, j);
        b.add(u, f[2].trim(), 1f, hist.length);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (b.size() == 0) throw new InputException(file.toString(), 0, null, "no interactions in the file");
    return b.build();
  }

  private static BufferedReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new InputException(file.toString(), 0, null, "no such file");
    return Files.newBufferedReader(file, StandardCharsets.UTF_8);
  }
}
