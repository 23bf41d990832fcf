package io.shopsense.engine.experiment;

import io.shopsense.core.config.Config;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.Experiment;
import io.shopsense.engine.api.ExperimentReport;
import io.shopsense.engine.api.NotFoundException;
import io.shopsense.engine.api.Scenario;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Pattern;

/**
 * A/B experiments: definitions, sticky assignment, attribution of feedback and the per-variant report.
 *
 * <p>Flow: a search or recommendation asks {@link #assign} for the shopper's variant (a pure hash, see
 * {@link Assigner}), applies the variant's config overrides, and after serving calls {@link #served}
 * with the response's {@code request_id} and item ids: that list is one impression of the variant.
 * {@link #observe} attributes feedback to the list it answers (see {@link ServedLists}: by the event's
 * {@code request_id}, the optional field of the event contract; else by time window): a {@code click}
 * or {@code view} of a listed item marks the list clicked, a {@code purchase} of a listed item marks it
 * converted and adds revenue = quantity x the item's current price (quantity = the purchase
 * {@code value} when a whole number 1..1000, else 1). Only the shopper the list was served to counts.
 *
 * <p>At most one active experiment applies to a scenario (an experiment without a scenario applies to
 * all), so every response has one variant. Definitions and tallies persist in
 * {@code <data>/experiments.json} (written on every change of definitions, and at most once per
 * {@code experiments.flush_ms} for tallies, on {@link #save} and on {@link #close}). Thread-safe.
 */
public final class Experiments implements AutoCloseable {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  /** The scenario name of search requests. */
  public static final String SEARCH = "search";
  /** The scenario name of {@code POST /v1/rank}. */
  public static final String RANK = "rank";
  /** The variant of requests no experiment applies to. */
  public static final String DEFAULT_VARIANT = "default";
  private static final Assignment NONE = Assignment.DEFAULT;
  private static final int MAX_VARIANTS = 20;
  private static final int LISTS_PER_USER = 50;

  private final ExperimentFile file;
  private final Config config;
  private final long flushMs;

  private final Map<String, Experiment> experiments = new LinkedHashMap<>();
  private final Map<String, Map<String, Tally>> tallies = new HashMap<>();
  private final ServedLists recent;
  /** Active experiments by scenario ("" = every scenario), swapped whole on change: read lock-free. */
  private volatile Map<String, Experiment> active = Map.of();
  private boolean dirty;
  private long lastFlush;

  /**
   * @param file the JSON file (created on first change)
   * @param config validates variant config overrides; reads {@code experiments.*}
   */
  public Experiments(Path file, Config config) {
    this.file = new ExperimentFile(file);
    this.config = config;
    this.flushMs = config.getLong("experiments.flush_ms");
    int maxTracked = config.getInt("experiments.max_tracked_requests");
    if (maxTracked < 1) throw new IllegalArgumentException("experiments.max_tracked_requests must be >= 1");
    this.recent = new ServedLists(maxTracked, LISTS_PER_USER, config.getLong("experiments.attribution_minutes") * 60_000L);
    ExperimentFile.Content c = this.file.load();
    for (Experiment e : c.experiments()) experiments.put(e.id(), e);
    c.tallies().forEach((id, byVariant) -> {
      Map<String, Tally> m = new LinkedHashMap<>();
      byVariant.forEach((v, counts) -> m.put(v, counts.toTally()));
      tallies.put(id, m);
    });
    reindex();
  }

  /**
   * Creates or replaces an experiment (tallies of variants that keep their name are kept).
   *
   * @throws BadRequestException naming the field for an invalid definition or a scenario clash
   */
  public synchronized Experiment put(Experiment e) {
    if (e == null) throw new BadRequestException(null, "no experiment given");
    if (e.id() == null || !ID.matcher(e.id()).matches()) {
      throw new BadRequestException("id", "must be 1..64 letters, digits, '_', '.' or '-', starting with a letter or digit");
    }
    if (e.scenario() != null && !e.scenario().equals(SEARCH) && !e.scenario().equals(RANK)
        && Scenario.fromWire(e.scenario()) == null) {
      throw new BadRequestException("scenario", "unknown scenario '" + e.scenario() + "' (expected search, rank or one of "
          + scenarioNames() + ", or leave it out for all)");
    }
    if (e.variants().isEmpty()) throw new BadRequestException("variants", "needs at least one variant");
    if (e.variants().size() > MAX_VARIANTS) throw new BadRequestException("variants", "at most " + MAX_VARIANTS + " variants");
    Set<String> names = new HashSet<>();
    for (int i = 0; i < e.variants().size(); i++) {
      Experiment.Variant v = e.variants().get(i);
      String at = "variants[" + i + "]";
      if (v.name() == null || !ID.matcher(v.name()).matches()) {
        throw new BadRequestException(at + ".name", "must be 1..64 letters, digits, '_', '.' or '-'");
      }
      if (!names.add(v.name())) throw new BadRequestException(at + ".name", "variant '" + v.name() + "' appears twice");
      if (!(v.weight() > 0) || !Double.isFinite(v.weight())) {
        throw new BadRequestException(at + ".weight", "must be a positive number");
      }
      try {
        config.with(v.config());
      } catch (RuntimeException bad) { // unknown key or unparsable value
        throw new BadRequestException(at + ".config", bad.getMessage());
      }
    }
    String scope = e.scenario() == null ? "" : e.scenario();
    if (e.active()) {
      for (Experiment other : experiments.values()) {
        if (!other.active() || other.id().equals(e.id())) continue;
        String os = other.scenario() == null ? "" : other.scenario();
        if (os.equals(scope) || os.isEmpty() || scope.isEmpty()) {
          throw new BadRequestException("scenario", "active experiment '" + other.id() + "' already covers "
              + (os.isEmpty() ? "every scenario" : "scenario '" + os + "'") + "; deactivate it first");
        }
      }
    }
    Experiment saved = new Experiment(e.id(), e.scenario(), e.variants(), e.active(),
        e.created() > 0 ? e.created() : System.currentTimeMillis());
    experiments.put(saved.id(), saved);
    Map<String, Tally> old = tallies.getOrDefault(saved.id(), Map.of());
    Map<String, Tally> m = new LinkedHashMap<>();
    for (Experiment.Variant v : saved.variants()) m.put(v.name(), old.getOrDefault(v.name(), new Tally()));
    tallies.put(saved.id(), m);
    reindex();
    dirty = true;
    save();
    return saved;
  }

  /** Every experiment, in creation order. */
  public synchronized List<Experiment> list() {
    return List.copyOf(experiments.values());
  }

  /** One experiment. */
  public synchronized Optional<Experiment> get(String id) {
    return Optional.ofNullable(experiments.get(id));
  }

  /**
   * The per-variant report.
   *
   * @throws NotFoundException for an unknown id
   */
  public synchronized ExperimentReport report(String id) {
    Experiment e = experiments.get(id);
    if (e == null) throw new NotFoundException("no experiment '" + id + "'");
    Map<String, Tally> m = tallies.getOrDefault(id, Map.of());
    List<ExperimentReport.VariantReport> out = new ArrayList<>();
    for (Experiment.Variant v : e.variants()) out.add(m.getOrDefault(v.name(), new Tally()).report(v.name()));
    return new ExperimentReport(id, out);
  }

  /**
   * The shopper's variant for a request of {@code scenario} (a scenario wire name, {@link #SEARCH} or
   * {@link #RANK}); the {@link #DEFAULT_VARIANT} (experiment null) when no active experiment applies
   * or the shopper is anonymous (no id to keep the assignment sticky). Lock-free.
   */
  public Assignment assign(String scenario, String user) {
    if (user == null || user.isEmpty()) return NONE;
    Map<String, Experiment> a = active;
    Experiment e = a.get(scenario);
    if (e == null) e = a.get("");
    if (e == null) return NONE;
    Experiment.Variant v = Assigner.variantOf(e, user);
    return new Assignment(e.id(), v.name(), v.config());
  }

  /**
   * Counts one served list of the assignment, to be attributed by its request id.
   *
   * @param items the listed item ids
   * @param now the engine clock (for attribution by time window)
   */
  public void served(String requestId, Assignment a, String user, List<String> items, long now) {
    if (a == null || a.experiment() == null || requestId == null || user == null) return; // most requests: no lock
    count(requestId, a, user, items, now);
  }

  private synchronized void count(String requestId, Assignment a, String user, List<String> items, long now) {
    Tally t = tally(a.experiment(), a.variant());
    if (t == null) return; // the experiment was replaced meanwhile
    t.impressions++;
    recent.add(new ServedLists.Served(requestId, a.experiment(), a.variant(), user, now, Set.copyOf(items)));
    dirty = true;
    maybeFlush();
  }

  /**
   * Attributes a click, view or purchase (shopper id already resolved) to the served list it answers.
   *
   * @param priceOf the current price of an item id (0 when unknown), for revenue
   * @return true when the event was attributed
   */
  public boolean observe(Event ev, ToDoubleFunction<String> priceOf) {
    EventType type = ev.type();
    if (ev.item() == null || (type != EventType.CLICK && type != EventType.VIEW && type != EventType.PURCHASE)) {
      return false; // most events: no lock
    }
    return attribute(ev, priceOf);
  }

  private synchronized boolean attribute(Event ev, ToDoubleFunction<String> priceOf) {
    ServedLists.Served s = recent.find(ev);
    if (s == null) return false;
    Tally t = tally(s.experiment, s.variant);
    if (t == null) return false;
    if (ev.type() != EventType.PURCHASE) {
      if (!s.clicked) t.clicked++;
      s.clicked = true;
    } else {
      if (!s.converted) t.converted++;
      s.converted = true;
      Double v = ev.value();
      double quantity = v != null && v >= 1 && v <= 1000 && v == Math.rint(v) ? v : 1;
      double before = s.revenue;
      s.revenue += quantity * priceOf.applyAsDouble(ev.item());
      t.revenue(before, s.revenue);
    }
    dirty = true;
    maybeFlush();
    return true;
  }

  /** Forgets the served lists of erased shoppers (the tallies are aggregates and hold no ids); true when any was held. */
  public synchronized boolean forget(Collection<String> users) {
    return recent.forget(users);
  }

  /** True when lists served to this shopper are held (the erasure test looks). */
  public synchronized boolean holds(String user) {
    return recent.holds(user);
  }

  /** Writes pending changes now. */
  public synchronized void save() {
    if (!dirty) return;
    Map<String, Map<String, ExperimentFile.Counts>> t = new LinkedHashMap<>();
    tallies.forEach((id, m) -> {
      Map<String, ExperimentFile.Counts> c = new LinkedHashMap<>();
      m.forEach((v, tally) -> c.put(v, ExperimentFile.Counts.of(tally)));
      t.put(id, c);
    });
    file.save(new ExperimentFile.Content(1, List.copyOf(experiments.values()), t));
    dirty = false;
    lastFlush = System.currentTimeMillis();
  }

  @Override
  public synchronized void close() {
    save();
  }

  private void maybeFlush() {
    if (System.currentTimeMillis() - lastFlush >= flushMs) save();
  }

  private Tally tally(String experiment, String variant) {
    Map<String, Tally> m = tallies.get(experiment);
    return m == null ? null : m.get(variant);
  }

  private void reindex() {
    Map<String, Experiment> a = new HashMap<>();
    for (Experiment e : experiments.values()) {
      if (e.active()) a.put(e.scenario() == null ? "" : e.scenario(), e);
    }
    active = Map.copyOf(a);
  }

  private static String scenarioNames() {
    StringBuilder sb = new StringBuilder();
    for (Scenario s : Scenario.values()) sb.append(sb.length() == 0 ? "" : ", ").append(s.wireName());
    return sb.toString();
  }
}
