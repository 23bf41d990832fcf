package io.shopsense.core.io;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads rating files as {@code rate} events (value = rating, time = timestamp seconds x 1000, ids
 * kept as written): MovieLens {@code u.data} and the NCF {@code *.rating} files
 * ({@code user \t item \t rating \t timestamp}), {@code ratings.dat}
 * ({@code UserID::MovieID::Rating::Timestamp}) and {@code ratings.csv} (header
 * {@code userId,movieId,rating,timestamp}). Ratings must satisfy {@code 0 < rating <= 5}, as for
 * JSONL {@code rate} events. Events get no id, so importing a file twice stores it twice.
 */
public final class RatingsReader implements RecordReader<Event> {
  /** The column layouts. */
  public enum Layout {
    /** Tab-separated (u.data, *.base, *.test, NCF *.rating). */
    TAB("\t", "tab-separated"),
    /** {@code ::}-separated (ratings.dat). */
    DAT("::", "'::'-separated"),
    /** Comma-separated with a header (ratings.csv). */
    CSV(",", "comma-separated");

    final byte[] sep;
    final String description;

    Layout(String sep, String description) {
      this.sep = sep.getBytes(StandardCharsets.US_ASCII);
      this.description = description;
    }
  }

  static final String CSV_HEADER = "userId,movieId,rating,timestamp";
  private static final String[] FIELDS = {"user", "item", "rating", "timestamp"};

  private final LineReader lines;
  private final Layout layout;
  private final int[] starts = new int[4];
  private final int[] ends = new int[4];
  private boolean emptyReported;

  private RatingsReader(LineReader lines, Layout layout) {
    this.layout = layout;
    this.lines = lines;
  }

  /** A reader of the bytes {@code [from, to)} of a file, which must start at a line start (parallel validation). */
  static RatingsReader range(Path path, Layout layout, long from, long to) {
    return new RatingsReader(new LineReader(path, path.toString(), from, to), layout);
  }

  /** Opens a file with a known layout. */
  public static RatingsReader open(Path path, Layout layout) {
    return new RatingsReader(new LineReader(path, path.toString()), layout);
  }

  /** Opens a MovieLens ({@code movielens}) or NCF ({@code ncf}) file, detecting the layout for MovieLens. */
  public static RatingsReader open(Path path, ImportFormat format) {
    if (format == ImportFormat.NCF) return open(path, Layout.TAB);
    if (format != ImportFormat.MOVIELENS) throw new IllegalArgumentException("not a ratings format: " + format);
    return open(path, detect(path));
  }

  /**
   * The layout of a MovieLens file: by name ({@code *.dat}, {@code *.csv}; {@code u.data},
   * {@code *.base}, {@code *.test}, {@code *.rating} are tab-separated), else by the first line.
   */
  public static Layout detect(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".dat")) return Layout.DAT;
    if (name.endsWith(".csv")) return Layout.CSV;
    if (name.equals("u.data") || name.endsWith(".base") || name.endsWith(".test") || name.endsWith(".rating")) {
      return Layout.TAB;
    }
    String first = firstLine(path);
    if (first.contains("::")) return Layout.DAT;
    if (first.contains("\t")) return Layout.TAB;
    if (first.contains(",")) return Layout.CSV;
    throw new InputException(path.toString(), first.isEmpty() ? 0 : 1, null,
        "cannot tell the MovieLens layout: expected user, item, rating and timestamp separated by tabs, '::' or commas");
  }

  private static String firstLine(Path path) {
    try (var r = Files.newBufferedReader(path, StandardCharsets.ISO_8859_1)) {
      String l;
      while ((l = r.readLine()) != null) if (!l.isBlank()) return l;
      throw new InputException(path.toString(), 0, null, "file is empty");
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException(path.toString(), 0, null, "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Event next() {
    while (true) {
      if (!lines.next()) {
        if (lines.nonBlankLines() == 0 && lines.wholeFile() && !emptyReported) {
          emptyReported = true;
          throw new InputException(lines.file(), 0, null, "file is empty");
        }
        return null;
      }
      if (layout == Layout.CSV && lines.nonBlankLines() == 1 && lines.atFileStart()) {
        checkHeader();
        continue;
      }
      return parseLine();
    }
  }

  private void checkHeader() {
    String h = new String(lines.buf(), lines.off(), lines.len(), StandardCharsets.UTF_8).trim();
    if (!h.equals(CSV_HEADER)) {
      throw new InputException(lines.file(), lines.lineNumber(), null,
          "expected the header '" + CSV_HEADER + "', got " + JsonFields.quote(h));
    }
  }

  private Event parseLine() {
    byte[] b = lines.buf();
    int off = lines.off();
    int end = off + lines.len();
    byte[] sep = layout.sep;
    int n = 0;
    int s = off;
    for (int i = off; i <= end - sep.length; i++) {
      if (b[i] == sep[0] && (sep.length == 1 || b[i + 1] == sep[1])) {
        if (n < 4) {
          starts[n] = s;
          ends[n] = i;
        }
        n++;
        i += sep.length - 1;
        s = i + 1;
      }
    }
    if (n < 4) {
      starts[n] = s;
      ends[n] = end;
    }
    n++;
    if (n != 4) {
      throw error(null, "expected 4 " + layout.description + " fields (user, item, rating, timestamp), got " + n);
    }
    String user = text(b, 0);
    String item = text(b, 1);
    double rating = rating(b);
    long seconds = seconds(b);
    return new Event(null, user, EventType.RATE, item, seconds * 1000L, null, null, rating, null, null, null);
  }

  private String text(byte[] b, int f) {
    int s = starts[f];
    int e = ends[f];
    while (s < e && (b[s] == ' ' || b[s] == '\t')) s++;
    while (e > s && (b[e - 1] == ' ' || b[e - 1] == '\t')) e--;
    if (s == e) throw error(FIELDS[f], "must not be empty");
    return new String(b, s, e - s, StandardCharsets.UTF_8);
  }

  private double rating(byte[] b) {
    String t = text(b, 2);
    double v;
    try {
      v = Double.parseDouble(t);
    } catch (NumberFormatException e) {
      throw error("rating", "expected a number, got " + JsonFields.quote(t));
    }
    String problem = EventJson.ratingProblem(v);
    if (problem != null) throw error("rating", problem);
    return v;
  }

  private long seconds(byte[] b) {
    int s = starts[3];
    int e = ends[3];
    while (s < e && b[s] == ' ') s++;
    while (e > s && b[e - 1] == ' ') e--;
    long v = 0;
    boolean ok = s < e && e - s <= 12; // seconds up to year 33658: enough, and no overflow in * 1000
    for (int i = s; ok && i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) ok = false;
      else v = v * 10 + d;
    }
    if (!ok) {
      throw error("timestamp", "expected Unix seconds (a non-negative integer), got "
          + JsonFields.quote(new String(b, starts[3], ends[3] - starts[3], StandardCharsets.UTF_8)));
    }
    return v;
  }

  private InputException error(String field, String reason) {
    return new InputException(lines.file(), lines.lineNumber(), field, reason);
  }

  @Override
  public String file() {
    return lines.file();
  }

  @Override
  public long line() {
    return lines.lineNumber();
  }

  @Override
  public long position() {
    return lines.position();
  }

  @Override
  public long size() {
    return lines.size();
  }

  @Override
  public void close() {
    lines.close();
  }
}
