package io.shopsense.engine.api;

import java.util.List;
import java.util.Map;

/**
 * An A/B experiment: shoppers are assigned to a variant by a hash of (experiment id, shopper id), so
 * the assignment is sticky and needs no storage.
 *
 * @param id unique id
 * @param scenario the scenario wire name it applies to ({@code for-you}, ..., {@code search}), or null for all
 * @param variants named configurations with traffic weights
 * @param active inactive experiments keep their report but assign nobody
 * @param created epoch ms
 */
public record Experiment(String id, String scenario, List<Variant> variants, boolean active, long created) {
  public Experiment {
    variants = variants == null ? List.of() : List.copyOf(variants);
  }

  /**
   * A variant.
   *
   * @param name shown in responses' {@code variant}
   * @param weight share of traffic (relative to the other variants' weights)
   * @param config config overrides for requests in this variant (e.g. {@code foryou.weight.session=2})
   */
  public record Variant(String name, double weight, Map<String, String> config) {
    public Variant {
      config = config == null ? Map.of() : Map.copyOf(config);
    }
  }
}
