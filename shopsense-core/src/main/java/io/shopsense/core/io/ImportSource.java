package io.shopsense.core.io;

import io.shopsense.core.model.Event;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * One file to import: what it holds, where it is and its format. Only events come in the rating
 * formats ({@link ImportFormat#MOVIELENS}, {@link ImportFormat#NCF}); catalog files are always JSONL.
 */
public record ImportSource(Kind kind, Path file, ImportFormat format) {
  /**
   * What a file holds; the declaration order is the order of the reports and of the catalog writes
   * (shops before the items that name them). An events file is written first, see {@link Importer}.
   */
  public enum Kind {
    SHOPS, ITEMS, PROMOTIONS, EVENTS;

    /** The plural lower-case name, e.g. {@code events}; also the default file stem. */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The file {@code generate --out DIR} writes for this kind, e.g. {@code events.jsonl}. */
    public String defaultFileName() {
      return label() + ".jsonl";
    }
  }

  public ImportSource {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    if (kind != Kind.EVENTS && format != ImportFormat.JSONL) {
      throw new IllegalArgumentException(kind.label() + " can only be imported from JSONL, not " + format.wireName());
    }
  }

  public static ImportSource jsonl(Kind kind, Path file) {
    return new ImportSource(kind, file, ImportFormat.JSONL);
  }

  /** Opens a reader of this file's records (Item, Shop, Promotion or Event). */
  public RecordReader<?> open() {
    return switch (kind) {
      case SHOPS -> JsonlReader.shops(file);
      case ITEMS -> JsonlReader.items(file);
      case PROMOTIONS -> JsonlReader.promotions(file);
      case EVENTS -> openEvents();
    };
  }

  /** A reader of the bytes {@code [from, to)}, which must start at a line start; for validating in parallel. */
  RecordReader<?> openRange(long from, long to) {
    if (format == ImportFormat.JSONL) return JsonlReader.range(kind, file, from, to);
    RatingsReader.Layout layout = format == ImportFormat.NCF ? RatingsReader.Layout.TAB : RatingsReader.detect(file);
    return RatingsReader.range(file, layout, from, to);
  }

  private RecordReader<Event> openEvents() {
    return format == ImportFormat.JSONL ? JsonlReader.events(file) : RatingsReader.open(file, format);
  }
}
