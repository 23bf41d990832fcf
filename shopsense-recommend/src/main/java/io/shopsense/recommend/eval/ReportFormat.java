package io.shopsense.recommend.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Renders an {@link EvaluationReport} as a text table (stdout) or JSON (every figure and the config). */
public final class ReportFormat {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ReportFormat() {}

  /** A fixed-width table: one row per algorithm, one column per metric, then timings and users. */
  public static String table(EvaluationReport r) {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "dataset: %s%nprotocol: %s (%s)%nranking: %s, ties %s, k=%d, seed %d, %d threads%n"
        + "test: %d users, %d relevant pairs%n", r.dataset(), r.protocol(), r.split(), r.ranking(), r.ties(), r.k(),
        r.seed(), r.threads(), r.testUsers(), r.testPairs()));
    Set<String> metrics = new LinkedHashSet<>();
    for (AlgorithmResult a : r.results()) metrics.addAll(a.metrics().keySet());
    List<String> head = new ArrayList<>();
    head.add("algorithm");
    for (String m : metrics) head.add(label(m, r.k()));
    head.add("fit_s");
    head.add("score_s");
    head.add("users");
    List<List<String>> rows = new ArrayList<>();
    for (AlgorithmResult a : r.results()) {
      List<String> row = new ArrayList<>();
      row.add(a.algorithm());
      for (String m : metrics) {
        Double v = a.metrics().get(m);
        Double sd = a.stddev().get(m);
        String cell = v == null ? "-" : String.format(Locale.ROOT, "%.4f", v);
        if (v != null && sd != null) cell += String.format(Locale.ROOT, "±%.4f", sd);
        row.add(cell);
      }
      row.add(String.format(Locale.ROOT, "%.2f", a.fitSeconds()));
      row.add(String.format(Locale.ROOT, "%.2f", a.scoreSeconds()));
      row.add(Integer.toString(a.usersEvaluated()));
      rows.add(row);
    }
    int[] w = new int[head.size()];
    for (int c = 0; c < w.length; c++) {
      w[c] = head.get(c).length();
      for (List<String> row : rows) w[c] = Math.max(w[c], row.get(c).length());
    }
    appendRow(sb, head, w);
    for (List<String> row : rows) appendRow(sb, row, w);
    return sb.toString();
  }

  /** The report as indented JSON. */
  public static String json(EvaluationReport r) {
    try {
      return JSON.writeValueAsString(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render the report as JSON", e);
    }
  }

  /** Writes {@link #json} to a file, creating parent directories. */
  public static void writeJson(EvaluationReport r, Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(file, json(r) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Reads a report written by {@link #writeJson}. */
  public static EvaluationReport readJson(Path file) {
    try {
      return JSON.readValue(file.toFile(), EvaluationReport.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String label(String metric, int k) {
    return switch (metric) {
      case "coverage", "novelty", "rmse", "mae", "auc" -> metric;
      default -> metric + "@" + k;
    };
  }

  private static void appendRow(StringBuilder sb, List<String> cells, int[] w) {
    for (int c = 0; c < cells.size(); c++) {
      String s = cells.get(c);
      if (c == 0) sb.append(String.format("%-" + w[c] + "s", s));
      else sb.append("  ").append(String.format("%" + w[c] + "s", s));
    }
    sb.append(System.lineSeparator());
  }
}
