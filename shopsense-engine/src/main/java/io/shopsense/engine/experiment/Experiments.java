package io.shopsense.engine.experiment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.shopsense.core.config.Config;
import io.shopsense.core.config.ConfigException;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.engine.api.BadRequestException;
import io.shopsense.engine.api.Experiment;
import io.shopsense.engine.api.ExperimentReport;
import io.shopsense.engine.api.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A/B experiments: definitions, sticky assignment, attribution and reports, kept in
 * {@code <data>/experiments.json} (definitions and counters; saved on change and on flush).
 *
 * <p><b>Assignment</b>: a shopper's bucket is a hash of {@code experiment id + ":" + shopper id}
 * into [0, 1), mapped onto the variants by their weights; the same shopper always gets the same
 * variant, with nothing stored. Anonymous requests use the default configuration. One active
 * experiment applies per scenario (the first defined, for that scenario or for all).
 *
 * <p><b>Attribution</b>: every served list is an impression. A click or purchase is attributed to
 * the list whose {@code request_id} the event names in its {@code session} field, else to the newest
 * list shown to the same shopper within {@code experiments.attribution_minutes} that held the item.
 * A list counts once as clicked and once as converted; revenue is price x quantity (the purchase
 * value when a whole number 1..1000).
 */
public final class Experiments {
  private static final int MAX_LISTS_PER_USER = 50;
  private static final int MAX_REQUESTS = 200_000;
  private static final ObjectMapper JSON = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();

  private final Path file;
  private final Config config;
  private final long window;
  private final Map<String, Experiment> experiments = new LinkedHashMap<>();
  private final Map<String, Map<String, Counters>> counters = new HashMap<>();
  private final Map<String, ArrayDeque<Served>> byUser = new HashMap<>();
  private final LinkedHashMap<String, Served> byRequest = new LinkedHashMap<>(16, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Served> e) {
      return size() > MAX_REQUESTS;
    }
  };
  private boolean dirty;

  private static final class Served {
    final String requestId, experiment, variant, user;
    final long time;
    final Set<String> items;
    boolean clicked, converted;
    double revenue;

    Served(String requestId, String experiment, String variant, String user, long time, Set<String> items) {
      this.requestId = requestId;
      this.experiment = experiment;
      this.variant = variant;
      this.user = user;
      this.time = time;
      this.items = items;
    }
  }

  private record Saved(List<Experiment> experiments, Map<String, Map<String, double[]>> counters) {}

  public Experiments(Path file, Config config) {
    this.file = file;
    this.config = config;
    this.window = config.getLong("experiments.attribution_minutes") * 60_000L;
    if (Files.isRegularFile(file)) {
      try {
        Saved s = JSON.readValue(Files.readString(file, StandardCharsets.UTF_8), Saved.class);
        for (Experiment e : s.experiments()) experiments.put(e.id(), e);
        if (s.counters() != null) s.counters().forEach((exp, vs) -> vs.forEach((v, a) -> {
          Counters c = counter(exp, v);
          c.impressions = (long) a[0];
          c.clicks = (long) a[1];
          c.conversions = (long) a[2];
          c.revenue = a[3];
          c.revenueSq = a[4];
        }));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read experiments " + file + ": " + e.getMessage(), e);
      }
    }
  }

  /** Adds or replaces an experiment (its counters are kept when the id exists). */
  public synchronized Experiment put(Experiment e) {
    if (e.id() == null || e.id().isBlank() || e.id().length() > 100) throw new BadRequestException("id", "experiment id must be 1..100 characters");
    if (e.variants().isEmpty()) throw new BadRequestException("variants", "an experiment needs at least one variant");
    Set<String> names = new HashSet<>();
    for (Experiment.Variant v : e.variants()) {
      if (v.name() == null || v.name().isBlank() || !names.add(v.name())) {
        throw new BadRequestException("variants", "variant names must be non-empty and unique, got '" + v.name() + "'");
      }
      if (!(v.weight() > 0) || Double.isInfinite(v.weight())) throw new BadRequestException("variants", "weight of variant " + v.name() + " must be positive");
      try {
        config.with(v.config());
      } catch (ConfigException ex) {
        throw new BadRequestException("variants", "variant " + v.name() + ": " + ex.getMessage());
      }
    }
    Experiment stored = new Experiment(e.id(), e.scenario(), e.variants(), e.active(),
        e.created() > 0 ? e.created() : System.currentTimeMillis());
    experiments.put(stored.id(), stored);
    dirty = true;
    save();
    return stored;
  }

  public synchronized List<Experiment> list() {
    return List.copyOf(experiments.values());
  }

  /** The variant of this request. */
  public synchronized Assignment assign(String scenario, String user) {
    if (user == null || experiments.isEmpty()) return Assignment.DEFAULT;
    for (Experiment e : experiments.values()) {
      if (!e.active() || (e.scenario() != null && !e.scenario().equals(scenario))) continue;
      double total = e.variants().stream().mapToDouble(Experiment.Variant::weight).sum();
      double x = bucket(e.id() + ":" + user) * total;
      for (Experiment.Variant v : e.variants()) {
        x -= v.weight();
        if (x < 0) return new Assignment(e.id(), v.name(), v.config());
      }
      Experiment.Variant last = e.variants().get(e.variants().size() - 1);
      return new Assignment(e.id(), last.name(), last.config());
    }
    return Assignment.DEFAULT;
  }

  /** A stable hash of the key in [0, 1) (FNV-1a, then a 64-bit mix). */
  static double bucket(String key) {
    long h = 0xcbf29ce484222325L;
    for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return (h >>> 11) * 0x1.0p-53;
  }

  /** Records a served list (an impression of its variant). */
  public synchronized void served(String requestId, Assignment a, String user, List<String> items, long time) {
    if (a.experiment() == null || user == null) return;
    Served s = new Served(requestId, a.experiment(), a.variant(), user, time, new HashSet<>(items));
    byRequest.put(requestId, s);
    ArrayDeque<Served> q = byUser.computeIfAbsent(user, k -> new ArrayDeque<>());
    q.addFirst(s);
    if (q.size() > MAX_LISTS_PER_USER) q.removeLast();
    counter(a.experiment(), a.variant()).impressions++;
    dirty = true;
  }

  /** Attributes a click or purchase (user already resolved). */
  public synchronized void observe(Event e, ToDoubleFunction<String> price) {
    if (e.item() == null || (e.type() != EventType.CLICK && e.type() != EventType.PURCHASE)) return;
    Served s = e.session() == null ? null : byRequest.get(e.session());
    if (s == null || !s.user.equals(e.user())) {
      s = null;
      ArrayDeque<Served> q = byUser.get(e.user());
      if (q == null) return;
      for (Served x : q) {
        if (x.items.contains(e.item()) && e.time() >= x.time - 60_000 && e.time() - x.time <= window) {
          s = x;
          break;
        }
      }
      if (s == null) return;
    }
    Counters c = counter(s.experiment, s.variant);
    if (e.type() == EventType.CLICK) {
      if (!s.clicked) c.clicks++;
      s.clicked = true;
    } else {
      if (!s.converted) c.conversions++;
      s.converted = true;
      double q = e.value() != null && e.value() >= 1 && e.value() <= 1000 && e.value() == Math.rint(e.value()) ? e.value() : 1;
      double add = price.applyAsDouble(e.item()) * q;
      c.revenueSq += (s.revenue + add) * (s.revenue + add) - s.revenue * s.revenue;
      c.revenue += add;
      s.revenue += add;
    }
    dirty = true;
  }

  private Counters counter(String exp, String variant) {
    return counters.computeIfAbsent(exp, k -> new LinkedHashMap<>()).computeIfAbsent(variant, k -> new Counters());
  }

  public synchronized ExperimentReport report(String id) {
    Experiment e = experiments.get(id);
    if (e == null) throw new NotFoundException("no experiment '" + id + "'");
    List<ExperimentReport.VariantReport> out = new ArrayList<>();
    for (Experiment.Variant v : e.variants()) {
      Counters c = counter(id, v.name());
      double n = c.impressions;
      double mean = n == 0 ? 0 : c.revenue / n;
      double var = n < 2 ? 0 : Math.max(0, (c.revenueSq - n * mean * mean) / (n - 1));
      double half = n == 0 ? 0 : 1.96 * Math.sqrt(var / n);
      out.add(new ExperimentReport.VariantReport(v.name(), c.impressions, c.clicks, c.conversions, c.revenue,
          wilson(c.clicks, c.impressions), wilson(c.conversions, c.impressions),
          new ExperimentReport.Rate(mean, Math.max(0, mean - half), mean + half)));
    }
    return new ExperimentReport(id, out);
  }

  /** Wilson score interval at 95% (Wilson 1927): well-behaved for small counts and rates near 0 or 1. */
  static ExperimentReport.Rate wilson(long k, long n) {
    if (n == 0) return new ExperimentReport.Rate(0, 0, 0);
    double z = 1.96, p = (double) k / n, z2 = z * z;
    double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return new ExperimentReport.Rate(p, Math.max(0, centre - half), Math.min(1, centre + half));
  }

  /** Forgets the served lists of these shoppers (erasure); counters are aggregates and stay. */
  public synchronized boolean forget(java.util.Collection<String> users) {
    boolean any = false;
    for (String u : users) any |= byUser.remove(u) != null;
    byRequest.values().removeIf(s -> users.contains(s.user));
    return any;
  }

  /** True when served lists of this shopper are held (the erasure test looks). */
  public synchronized boolean holds(String user) {
    return byUser.containsKey(user) || byRequest.values().stream().anyMatch(s -> s.user.equals(user));
  }

  /** Writes definitions and counters when they changed. */
  public synchronized void save() {
    if (!dirty) return;
    Map<String, Map<String, double[]>> cs = new LinkedHashMap<>();
    counters.forEach((exp, vs) -> {
      Map<String, double[]> m = new LinkedHashMap<>();
      vs.forEach((v, c) -> m.put(v, new double[] {c.impressions, c.clicks, c.conversions, c.revenue, c.revenueSq}));
      cs.put(exp, m);
    });
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(
          new Saved(List.copyOf(experiments.values()), cs)), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      dirty = false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write experiments " + file + ": " + e.getMessage(), e);
    }
  }
}
