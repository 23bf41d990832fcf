package io.shopsense.core.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The small import fixtures under {@code src/test/resources/fixtures/import}. */
public final class Fixtures {
  private Fixtures() {}

  /** The fixture file, e.g. {@code file("events.jsonl")}. */
  public static Path file(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/import/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing fixture " + name, e);
    }
  }

  /** The fixture directory (holds shops, items, promotions and events JSONL as {@code generate} writes them). */
  public static Path dir() {
    return file("events.jsonl").getParent();
  }
}
