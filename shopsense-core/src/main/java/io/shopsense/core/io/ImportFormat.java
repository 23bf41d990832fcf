package io.shopsense.core.io;

import java.util.Locale;

/** The file formats the importer reads: the JSON Lines contract, MovieLens ratings, NCF ratings. */
public enum ImportFormat {
  /** The JSON Lines formats of DESIGN.md section 4. */
  JSONL,
  /** MovieLens {@code u.data} (tab), {@code ratings.dat} ({@code ::}) or {@code ratings.csv} (with header). */
  MOVIELENS,
  /** The NCF {@code *.rating} files: {@code user \t item \t rating \t timestamp}. */
  NCF;

  /** Parses {@code jsonl}, {@code movielens} or {@code ncf}; null when unknown. */
  public static ImportFormat fromWire(String s) {
    if (s == null) return null;
    for (ImportFormat f : values()) if (f.name().toLowerCase(Locale.ROOT).equals(s.toLowerCase(Locale.ROOT))) return f;
    return null;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
