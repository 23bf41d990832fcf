package io.shopsense.core.model;

import java.util.Objects;

/** A seller in the marketplace. {@code created} is epoch milliseconds. */
public record Shop(String id, String name, String category, long created) {
  public Shop {
    Objects.requireNonNull(id, "id");
  }
}
