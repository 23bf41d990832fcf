package io.shopsense.recommend.eval;

import io.shopsense.core.matrix.IdIndex;
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
 * Reads the public rating datasets into {@link InteractionLog}s and ready-made {@link Split}s:
 * MovieLens ({@code u.data}/{@code u1.base} tab separated, {@code ratings.dat} with {@code ::},
 * {@code ratings.csv} with a header), the NCF files ({@code *.train.rating}, {@code *.test.rating},
 * {@code *.test.negative}) and RecBole atomic {@code .inter} files (user, space-separated history,
 * target). Times become epoch milliseconds (MovieLens seconds x 1000); RecBole sequences get their
 * position as time.
 */
public final class EvalFiles {
  /** Given-split formats accepted by {@link #givenSplit}. */
  public enum Format { MOVIELENS, NCF, RECBOLE }

  private EvalFiles() {}

  /** Parses a format name ({@code movielens}, {@code ncf}, {@code recbole}). */
  public static Format format(String name) {
    for (Format f : Format.values()) if (f.name().equalsIgnoreCase(name)) return f;
    throw new IllegalArgumentException("unknown format '" + name + "' (expected movielens, ncf or recbole)");
  }

  /**
   * Reads a train file and a test file of the same format into one split over shared indexes.
   * With NCF, the {@code *.test.negative} file beside the test file gives each user's 99 negatives;
   * with RecBole, the training part is every item of every train row and the test part is each
   * test row's target (its history is training data).
   *
   * @param implicit every training pair weighs 1 (ratings as implicit feedback); the test part
   *     keeps the ratings as grades either way
   */
  public static Split givenSplit(Path train, Path test, Format format, boolean implicit) {
    IdIndex users = new IdIndex();
    IdIndex items = new IdIndex();
    InteractionLog tr;
    InteractionLog te;
    switch (format) {
      case MOVIELENS, NCF -> {
        tr = readRatings(train, users, items);
        te = readRatings(test, users, items);
      }
      case RECBOLE -> {
        tr = readRecBole(train, users, items, true);
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
    InteractionLog pairs = tr.pairs();
    return new Split(name, implicit ? pairs.withValue(1f) : pairs, ts);
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

  /**
   * A rating file: MovieLens (any of its three layouts) or NCF {@code *.rating}. Columns user,
   * item, rating and optionally a timestamp in seconds.
   */
  public static InteractionLog readRatings(Path file, IdIndex users, IdIndex items) {
    InteractionLog.Builder b = InteractionLog.builder(users, items);
    try (BufferedReader r = open(file)) {
      String line;
      long no = 0;
      String sep = null;
      while ((line = r.readLine()) != null) {
        no++;
        if (line.isBlank()) continue;
        if (sep == null) {
          sep = line.contains("::") ? "::" : line.indexOf('\t') >= 0 ? "\t" : ",";
          if (sep.equals(",") && !Character.isDigit(line.charAt(0))) continue; // ratings.csv header
        }
        String[] f = line.split(sep.equals("::") ? "::" : sep, -1);
        if (f.length < 3) throw new DataFileException(file, no, "expected user, item, rating[, timestamp], got: " + line);
        float rating = parseFloat(f[2], file, no, "rating");
        long ts = f.length > 3 && !f[3].isBlank() ? parseLong(f[3].trim(), file, no, "timestamp") * 1000L : 0L;
        b.add(f[0].trim(), f[1].trim(), rating, ts);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (b.size() == 0) throw new DataFileException(file, 0, "no ratings in the file");
    return b.build();
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
          throw new DataFileException(file, no, "expected (user,item) then tab-separated negatives, got: " + head);
        }
        String uid = head.substring(1, head.indexOf(',')).trim();
        int u = users.get(uid);
        if (u < 0) throw new DataFileException(file, no, "user " + uid + " is not in the training or test file");
        int[] neg = new int[f.length - 1];
        for (int j = 1; j < f.length; j++) neg[j - 1] = items.add(f[j].trim());
        if (byUser.put(u, neg) != null) throw new DataFileException(file, no, "user " + uid + " listed twice");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    int[][] out = new int[test.size()][];
    for (int t = 0; t < test.size(); t++) {
      out[t] = byUser.get(test.user(t));
      if (out[t] == null) {
        throw new DataFileException(file, 0, "no negatives for test user " + users.id(test.user(t)));
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
        if (f.length != 3) throw new DataFileException(file, no, "expected user, item history and target, got: " + line);
        String u = f[0].trim();
        String[] hist = f[1].isBlank() ? new String[0] : f[1].trim().split(" +");
        if (allItems) for (int j = 0; j < hist.length; j++) b.add(u, hist[j], 1f, j);
        b.add(u, f[2].trim(), 1f, hist.length);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (b.size() == 0) throw new DataFileException(file, 0, "no interactions in the file");
    return b.build();
  }

  private static BufferedReader open(Path file) throws IOException {
    if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no such file: " + file);
    // MovieLens 100K/1M are latin-1; ids and numbers read the same in either charset
    return Files.newBufferedReader(file, StandardCharsets.ISO_8859_1);
  }

  private static float parseFloat(String s, Path file, long no, String what) {
    try {
      return Float.parseFloat(s.trim());
    } catch (NumberFormatException e) {
      throw new DataFileException(file, no, what + " is not a number: '" + s + "'");
    }
  }

  private static long parseLong(String s, Path file, long no, String what) {
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new DataFileException(file, no, what + " is not an integer: '" + s + "'");
    }
  }
}
