package io.shopsense.core.generate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.shopsense.core.model.EventType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reduced store (300 users, 500 items, 20k events) generated once and checked from its files. */
class DataGeneratorTest {
  static final long SEED = 7;
  static final GeneratorSpec SPEC = new GeneratorSpec(300, 500, 20_000, SEED);
  static final ObjectMapper JSON = new ObjectMapper();
  static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");

  @TempDir static Path tmp;
  static Path dir;
  static GeneratorSummary summary;
  static List<String> eventLines;
  static List<JsonNode> items, shops, promotions, events, truth, queries;
  static Map<String, JsonNode> itemById = new HashMap<>();
  static Map<String, JsonNode> truthByUser = new HashMap<>();

  @BeforeAll
  static void generate() throws IOException {
    dir = tmp.resolve("a");
    summary = new DataGenerator(SPEC).generate(dir);
    items = read("items.jsonl");
    shops = read("shops.jsonl");
    promotions = read("promotions.jsonl");
    events = read("events.jsonl");
    truth = read("truth.jsonl");
    queries = read("queries.jsonl");
    eventLines = Files.readAllLines(dir.resolve("events.jsonl"), StandardCharsets.UTF_8);
    for (JsonNode i : items) itemById.put(i.get("id").asText(), i);
    for (JsonNode t : truth) truthByUser.put(t.get("user").asText(), t);
  }

  @Test
  void sameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws IOException {
    Path again = tmp.resolve("again"), other = tmp.resolve("other");
    new DataGenerator(SPEC).generate(again);
    new DataGenerator(SPEC.withSeed(SEED + 1)).generate(other);
    for (String f : DataGenerator.FILES) {
      assertThat(sha256(again.resolve(f))).as("%s with seed %d", f, SEED).isEqualTo(sha256(dir.resolve(f)));
    }
    for (String f : List.of("items.jsonl", "shops.jsonl", "promotions.jsonl", "events.jsonl", "truth.jsonl")) {
      assertThat(sha256(other.resolve(f))).as("%s with seeds %d and %d", f, SEED, SEED + 1).isNotEqualTo(sha256(dir.resolve(f)));
    }
  }

  @Test
  void countsAreNearTheSpec() {
    assertThat(items).hasSize(SPEC.items());
    assertThat(truth).hasSize(SPEC.users());
    assertThat((double) events.size()).as("events, seed %d", SEED).isBetween(0.9 * SPEC.events(), 1.1 * SPEC.events());
    assertThat(summary.events()).isEqualTo(events.size());
    assertThat(summary.shops()).isEqualTo(shops.size()).isEqualTo(Catalog.shopCount(SPEC.items()));
    assertThat(summary.promotions()).isEqualTo(promotions.size()).isPositive();
    Set<String> users = new HashSet<>();
    for (JsonNode e : events) users.add(e.get("user").asText());
    assertThat(users).hasSize(summary.activeUsers());
    assertThat(truthByUser.keySet()).containsAll(users);
    assertThat((double) users.size()).as("active shoppers").isGreaterThan(0.9 * SPEC.users());
    Set<String> categories = new HashSet<>();
    for (JsonNode i : items) categories.add(i.get("category").asText());
    assertThat(categories).hasSize(Taxonomy.standard().categories.size()).hasSizeGreaterThan(30);
  }

  @Test
  void everyReferenceResolves() {
    Set<String> shopIds = new HashSet<>();
    for (JsonNode s : shops) shopIds.add(s.get("id").asText());
    Set<String> categories = new HashSet<>();
    for (JsonNode i : items) {
      assertThat(shopIds).contains(i.get("shop").asText());
      String c = i.get("category").asText();
      categories.add(c);
      categories.add(c.substring(0, c.indexOf('>')));
    }
    for (JsonNode p : promotions) {
      if (p.has("shop")) assertThat(shopIds).contains(p.get("shop").asText());
      if (p.has("category")) assertThat(categories).contains(p.get("category").asText());
      assertThat(Instant.parse(p.get("starts").asText())).isBefore(Instant.parse(p.get("ends").asText()));
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode e : events) {
      if (e.has("item") && !itemById.containsKey(e.get("item").asText())) problems.add("unknown item: " + e);
      if (e.has("items")) for (JsonNode i : e.get("items")) if (!itemById.containsKey(i.asText())) problems.add("unknown shown item: " + e);
    }
    assertThat(problems).isEmpty();
    // some promotions are still running at the last event, so "promotions for this shopper" has
    // something to offer on a generated store served as of its own last day
    Instant last = events.stream().map(e -> Instant.parse(e.get("time").asText())).max(Instant::compareTo).orElseThrow();
    long running = promotions.stream().filter(p -> !Instant.parse(p.get("starts").asText()).isAfter(last)
        && Instant.parse(p.get("ends").asText()).isAfter(last)).count();
    assertThat(running).as("promotions running at the last event %s", last).isGreaterThanOrEqualTo(promotions.size() / 4);
    for (JsonNode t : truth) for (JsonNode s : t.get("shops")) assertThat(shopIds).contains(s.asText());
  }

  @Test
  void linesUseExactlyTheContractFieldNames() {
    List<String> itemFields = List.of("id", "title", "description", "category", "brand", "shop", "price", "in_stock", "attributes", "created");
    for (JsonNode i : items) {
      assertThat(names(i)).containsExactlyElementsOf(itemFields);
      assertThat(i.get("price").isNumber()).isTrue();
      assertThat(i.get("price").asDouble()).isPositive();
      assertThat(i.get("in_stock").isBoolean()).isTrue();
      i.get("attributes").properties().forEach(a -> assertThat(a.getValue().isTextual()).isTrue());
      Instant.parse(i.get("created").asText());
    }
    for (JsonNode s : shops) assertThat(names(s)).containsExactly("id", "name", "category", "created");
    Set<String> promoFields = Set.of("id", "title", "kind", "shop", "category", "min_spend", "discount", "starts", "ends", "budget");
    for (JsonNode p : promotions) {
      assertThat(promoFields).containsAll(names(p));
      assertThat(names(p)).contains("id", "title", "kind", "discount", "starts", "ends");
      assertThat(p.get("kind").asText()).isIn("coupon", "discount", "bundle");
    }
    Set<String> eventFields = Set.of("id", "user", "type", "item", "time", "session", "channel", "value", "query", "items", "text");
    List<String> problems = new ArrayList<>(); // collected, so 20k lines are checked without 200k assertion objects
    for (JsonNode e : events) {
      if (!eventFields.containsAll(names(e))) problems.add("unknown field: " + e);
      EventType type = EventType.fromWire(e.get("type").asText());
      if (type == null) {
        problems.add("unknown type: " + e);
        continue;
      }
      if (e.has("item") != type.needsItem()) problems.add("item presence: " + e);
      if (!Set.of("app", "web", "mini").contains(e.get("channel").asText())) problems.add("channel: " + e);
      if (!TIME.matcher(e.get("time").asText()).matches()) problems.add("time: " + e);
      boolean ok = switch (type) {
        case SEARCH -> !e.path("query").asText().isBlank() && !e.has("items");
        case IMPRESSION -> !e.path("query").asText().isBlank() && e.get("items").size() >= 1 && e.get("items").size() <= 20;
        case PURCHASE -> e.get("value").isIntegralNumber() && e.get("value").asInt() >= 1 && e.get("value").asInt() <= 3;
        case RATE -> e.get("value").isIntegralNumber() && e.get("value").asInt() >= 1 && e.get("value").asInt() <= 5;
        case REVIEW -> !e.path("text").asText().isBlank();
        default -> !e.has("value") && !e.has("query") && !e.has("items") && !e.has("text");
      };
      if (!ok) problems.add("fields of a " + type.wireName() + ": " + e);
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyEventTypeOccursAndAThirdOfTheItemsAreChinese() {
    Set<String> types = new HashSet<>();
    for (JsonNode e : events) types.add(e.get("type").asText());
    for (EventType t : EventType.values()) assertThat(types).contains(t.wireName());
    int chinese = 0;
    for (JsonNode i : items) if (i.get("title").asText().codePoints().anyMatch(cp -> cp >= 0x4E00 && cp <= 0x9FFF)) chinese++;
    assertThat(chinese).isEqualTo(summary.chineseItems());
    assertThat((double) chinese / items.size()).as("Chinese share, seed %d", SEED).isBetween(0.25, 0.42);
    Set<String> zhQueries = new HashSet<>();
    for (JsonNode q : queries) if (q.get("language").asText().equals("zh")) zhQueries.add(q.get("query").asText());
    assertThat(zhQueries).isNotEmpty();
  }

  @Test
  void eventsAreInTimeOrderAfterTheirItemsArrive() {
    long prev = Long.MIN_VALUE;
    int newArrivalEvents = 0;
    long start = DataGenerator.START;
    List<String> problems = new ArrayList<>();
    for (JsonNode e : events) {
      long t = Instant.parse(e.get("time").asText()).toEpochMilli();
      if (t < prev || t < start) problems.add("out of order: " + e);
      prev = t;
      if (e.has("item")) {
        long created = Instant.parse(itemById.get(e.get("item").asText()).get("created").asText()).toEpochMilli();
        if (created > t) problems.add("item not there yet: " + e);
        if (created > start) newArrivalEvents++;
      }
    }
    assertThat(problems).isEmpty();
    assertThat(newArrivalEvents).as("events on items that arrived during the period").isPositive();
  }

  @Test
  void purchasesConcentrateOnTheShoppersHiddenCategories() {
    Map<String, Integer> perCategory = new HashMap<>();
    for (JsonNode i : items) perCategory.merge(i.get("category").asText(), 1, Integer::sum);
    Map<String, Double> median = categoryMedians();
    Map<String, double[]> logPriceByBand = new HashMap<>(); // band -> {sum, n}
    int purchases = 0, inTaste = 0;
    double chance = 0;
    for (JsonNode e : events) {
      if (!e.get("type").asText().equals("purchase")) continue;
      Set<String> cats = tasteCategories(e.get("user").asText());
      JsonNode item = itemById.get(e.get("item").asText());
      purchases++;
      if (cats.contains(item.get("category").asText())) inTaste++;
      for (String c : cats) chance += perCategory.getOrDefault(c, 0) / (double) items.size();
      double[] acc = logPriceByBand.computeIfAbsent(truthByUser.get(e.get("user").asText()).get("price_band").asText(), k -> new double[2]);
      acc[0] += Math.log(item.get("price").asDouble() / median.get(item.get("category").asText()));
      acc[1]++;
    }
    double budget = mean(logPriceByBand.get("budget")), mid = mean(logPriceByBand.get("mid")),
        premium = mean(logPriceByBand.get("premium"));
    assertThat(mid).as("log price ratio of purchases: budget %.3f, mid %.3f, premium %.3f", budget, mid, premium)
        .isGreaterThan(budget + 0.1).isLessThan(premium - 0.1);
    assertThat(purchases).isGreaterThan(100);
    double share = (double) inTaste / purchases, random = chance / purchases;
    assertThat(share).as("share of purchases in hidden categories (chance %.3f), seed %d", random, SEED).isGreaterThan(0.7);
    assertThat(share).isGreaterThan(4 * random);
  }

  @Test
  void clicksFallWithPositionAndFollowHiddenBrandsAndPriceBands() {
    Map<String, List<String>> lastShown = new HashMap<>();
    long[] shown = new long[20], clicked = new long[20];
    long shownFav = 0, shownAll = 0, clickFav = 0, clickAll = 0;
    Map<String, double[]> logPriceByBand = new HashMap<>(); // band -> {sum, n}
    Map<String, Double> median = categoryMedians();
    for (JsonNode e : events) {
      String type = e.get("type").asText(), session = e.get("session").asText();
      JsonNode taste = truthByUser.get(e.get("user").asText());
      Set<String> brands = new HashSet<>();
      taste.get("brands").forEach(b -> brands.add(b.asText()));
      if (type.equals("impression")) {
        List<String> ids = new ArrayList<>();
        e.get("items").forEach(i -> ids.add(i.asText()));
        lastShown.put(session, ids);
        for (int r = 0; r < ids.size(); r++) {
          shown[r]++;
          shownAll++;
          if (brands.contains(itemById.get(ids.get(r)).get("brand").asText())) shownFav++;
        }
      } else if (type.equals("click")) {
        List<String> ids = lastShown.get(session);
        int r = ids == null ? -1 : ids.indexOf(e.get("item").asText());
        if (r < 0) continue;
        clicked[r]++;
        clickAll++;
        JsonNode item = itemById.get(e.get("item").asText());
        if (brands.contains(item.get("brand").asText())) clickFav++;
        double lr = Math.log(item.get("price").asDouble() / median.get(item.get("category").asText()));
        double[] acc = logPriceByBand.computeIfAbsent(taste.get("price_band").asText(), k -> new double[2]);
        acc[0] += lr;
        acc[1]++;
      }
    }
    double top = ctr(clicked, shown, 0, 2), upper = ctr(clicked, shown, 2, 5), middle = ctr(clicked, shown, 5, 10),
        low = ctr(clicked, shown, 10, 20);
    assertThat(top).as("CTR by position, seed %d", SEED).isGreaterThan(upper);
    assertThat(upper).isGreaterThan(middle);
    assertThat(middle).isGreaterThan(low);
    assertThat(top).isGreaterThan(3 * low);
    double favShown = (double) shownFav / shownAll, favClicked = (double) clickFav / clickAll;
    assertThat(favClicked).as("favourite-brand share: shown %.3f, clicked %.3f", favShown, favClicked).isGreaterThan(1.25 * favShown);
    double budget = mean(logPriceByBand.get("budget")), premium = mean(logPriceByBand.get("premium"));
    assertThat(premium - budget).as("log price of clicks: premium %.3f vs budget %.3f", premium, budget).isGreaterThan(0.08);
  }

  @Test
  void synonymQueriesShareNoWordWithCatalogText() {
    Set<String> enTokens = new HashSet<>();
    StringBuilder zhText = new StringBuilder();
    for (JsonNode i : items) {
      for (String f : List.of("title", "description")) {
        String s = i.get(f).asText();
        zhText.append(s).append('\n');
        for (String tok : s.toLowerCase().split("[^\\p{L}\\p{N}]+")) enTokens.add(stem(tok));
      }
    }
    Set<String> stop = Set.of("for", "the", "and", "of", "a", "with");
    int checked = 0;
    for (Taxonomy.Category c : Taxonomy.standard().categories) {
      for (String q : c.synonymsEn()) {
        for (String w : q.toLowerCase().split("[^\\p{L}\\p{N}]+")) {
          if (!stop.contains(w)) assertThat(enTokens).as("word '%s' of synonym query '%s'", w, q).doesNotContain(stem(w));
        }
        checked++;
      }
      for (String q : c.synonymsZh()) {
        assertThat(zhText.indexOf(q)).as("synonym query '%s' in catalog text", q).isEqualTo(-1);
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(70);
    long synonymSearches = 0;
    for (JsonNode q : queries) if (q.get("kind").asText().equals("synonym")) synonymSearches += q.get("searches").asLong();
    assertThat(synonymSearches).isEqualTo(countSearches(true)).isGreaterThan(countSearches(false) / 20);
    assertThat(summary.synonymQueries()).isPositive();
  }

  @Test
  void someEventsCarryClientIdsAndAFewAreExactDuplicates() {
    long withId = events.stream().filter(e -> e.has("id")).count();
    assertThat((double) withId / events.size()).isBetween(0.03, 0.07);
    Map<String, String> firstLine = new HashMap<>();
    int duplicates = 0;
    for (String line : eventLines) {
      JsonNode e = parse(line);
      if (!e.has("id")) continue;
      String prev = firstLine.putIfAbsent(e.get("id").asText(), line);
      if (prev != null) {
        assertThat(line).isEqualTo(prev);
        duplicates++;
      }
    }
    assertThat(duplicates).isEqualTo((int) summary.duplicateEvents()).isPositive();
  }

  @Test
  void consumablesAreBoughtAgainAndOtherItemsOnlyOnce() {
    Set<String> consumableCats = new HashSet<>();
    for (Taxonomy.Category c : Taxonomy.standard().categories) if (c.consumable()) consumableCats.add(c.path());
    Map<String, Integer> bought = new HashMap<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode e : events) {
      if (e.has("id") && !ids.add(e.get("id").asText())) continue; // a client retry, not a second purchase
      if (e.get("type").asText().equals("purchase")) bought.merge(e.get("user").asText() + " " + e.get("item").asText(), 1, Integer::sum);
    }
    int rebought = 0;
    for (Map.Entry<String, Integer> b : bought.entrySet()) {
      if (b.getValue() < 2) continue;
      String item = b.getKey().substring(b.getKey().indexOf(' ') + 1);
      assertThat(consumableCats).as("re-bought %s", b.getKey()).contains(itemById.get(item).get("category").asText());
      rebought++;
    }
    assertThat(rebought).as("shopper-item pairs bought again").isGreaterThan(10);
  }

  @Test
  void complementaryCategoriesShareCarts() {
    Map<String, Integer> index = new HashMap<>();
    for (Taxonomy.Category c : Taxonomy.standard().categories) index.put(c.path(), c.index());
    Map<String, Set<String>> carted = new HashMap<>(); // session -> categories added to the cart
    for (JsonNode e : events) {
      if (!e.get("type").asText().equals("add_to_cart")) continue;
      carted.computeIfAbsent(e.get("session").asText(), k -> new HashSet<>())
          .add(itemById.get(e.get("item").asText()).get("category").asText());
    }
    Map<String, Integer> sessionsWith = new HashMap<>();
    for (Set<String> cats : carted.values()) for (String c : cats) sessionsWith.merge(c, 1, Integer::sum);
    double pairs = 0, together = 0, expected = 0;
    for (Set<String> cats : carted.values()) {
      for (String a : cats) {
        for (int b : Taxonomy.standard().categories.get(index.get(a)).complements()) {
          String bp = Taxonomy.standard().categories.get(b).path();
          pairs++;
          if (cats.contains(bp)) together++;
          expected += sessionsWith.getOrDefault(bp, 0) / (double) carted.size();
        }
      }
    }
    assertThat(pairs).isGreaterThan(100);
    assertThat(together / pairs).as("P(complement in cart | item in cart) vs chance %.3f, seed %d", expected / pairs, SEED)
        .isGreaterThan(2.5 * expected / pairs);
  }

  private static long countSearches(boolean synonym) {
    Set<String> synonyms = new HashSet<>();
    for (Taxonomy.Category c : Taxonomy.standard().categories) {
      synonyms.addAll(c.synonymsEn());
      synonyms.addAll(c.synonymsZh());
    }
    return events.stream().filter(e -> e.get("type").asText().equals("search"))
        .filter(e -> synonyms.contains(e.get("query").asText()) == synonym).count();
  }

  private static Map<String, Double> categoryMedians() {
    Map<String, List<Double>> prices = new HashMap<>();
    for (JsonNode i : items) prices.computeIfAbsent(i.get("category").asText(), k -> new ArrayList<>()).add(i.get("price").asDouble());
    Map<String, Double> out = new HashMap<>();
    prices.forEach((c, p) -> {
      p.sort(null);
      out.put(c, p.get(p.size() / 2));
    });
    return out;
  }

  private static Set<String> tasteCategories(String user) {
    Set<String> out = new HashSet<>();
    truthByUser.get(user).get("categories").forEach(c -> out.add(c.get("category").asText()));
    return out;
  }

  private static double ctr(long[] clicks, long[] shown, int from, int to) {
    long c = 0, s = 0;
    for (int r = from; r < to; r++) {
      c += clicks[r];
      s += shown[r];
    }
    return (double) c / s;
  }

  private static double mean(double[] acc) {
    return acc[0] / acc[1];
  }

  private static String stem(String w) {
    return w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
  }

  static List<String> names(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) out.add(it.next());
    return out;
  }

  private static List<JsonNode> read(String file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8)) out.add(parse(line));
    return out;
  }

  private static JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + line, e);
    }
  }

  static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
