package io.shopsense.engine.experiment;

import java.util.Map;

/**
 * The variant a request is served with.
 *
 * @param experiment the experiment id, or null when none applies
 * @param variant the variant name (the response's {@code variant}; {@code default} when no experiment applies)
 * @param config the variant's config overrides
 */
public record Assignment(String experiment, String variant, Map<String, String> config) {
  /** No experiment: the default configuration. */
  public static final Assignment DEFAULT = new Assignment(null, "default", Map.of());

  public Assignment {
    config = config == null ? Map.of() : Map.copyOf(config);
  }
}
