package io.shopsense.search.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;

/**
 * Loads query-time synonyms in Solr format ({@code couch, sofa} or {@code tee => t-shirt}). Each
 * entry is analysed with the index analyzer, so entries are stemmed and segmented exactly like the
 * indexed text ({@code running shoes} becomes {@code run shoe}, {@code 跑步鞋} becomes {@code 跑步 鞋}).
 */
public final class Synonyms {
  /** The synonyms shipped in this module. */
  public static final String BUILT_IN = "synonyms.txt";

  private Synonyms() {}

  /**
   * The built-in file when {@code file} is null or empty, else that file.
   *
   * @throws IllegalArgumentException naming the file and line when an entry cannot be parsed (for
   *     example a term that is only a stop word)
   */
  public static SynonymMap load(String file, Analyzer indexAnalyzer) {
    try {
      if (file == null || file.isBlank()) {
        try (InputStream in = Synonyms.class.getClassLoader().getResourceAsStream(BUILT_IN)) {
          if (in == null) throw new IllegalStateException("resource " + BUILT_IN + " missing from the classpath");
          return parse(new InputStreamReader(in, StandardCharsets.UTF_8), BUILT_IN, indexAnalyzer);
        }
      }
      Path p = Path.of(file);
      if (!Files.isRegularFile(p)) throw new IllegalArgumentException("synonyms file not found: " + p);
      try (Reader r = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
        return parse(r, p.toString(), indexAnalyzer);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read synonyms " + file + ": " + e.getMessage(), e);
    }
  }

  /** Parses Solr-format synonyms from a reader; {@code name} appears in error messages. */
  public static SynonymMap parse(Reader reader, String name, Analyzer indexAnalyzer) throws IOException {
    SolrSynonymParser parser = new SolrSynonymParser(true, true, indexAnalyzer);
    try {
      parser.parse(reader);
      return parser.build();
    } catch (ParseException e) {
      // SolrSynonymParser reports "Invalid synonym rule at line N"; the cause says what is wrong
      String why = e.getCause() != null ? ": " + e.getCause().getMessage() : "";
      throw new IllegalArgumentException("bad synonyms in " + name + ": " + e.getMessage() + why, e);
    }
  }
}
