package io.shopsense.engine.snapshot;

import io.shopsense.recommend.ModelFormat;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Item and shop statistics computed at training next to the models, by snapshot item index
 * (columns of the training matrix) where per item. Aggregates only: no shopper id is kept, so
 * erasing a shopper never has to touch them. Immutable once built.
 *
 * @param popularity distinct shoppers per item
 * @param trend recency-weighted interaction weight per item ({@code trending.*})
 * @param cobuy co-purchase associations per item, best first (confidence, lift, support)
 * @param categoryCobuy leaf category to complementary leaf categories and their lift (other categories only)
 * @param repurchaseDays per item, the mean days between a shopper's consecutive purchases of it (NaN: never re-bought)
 * @param repurchasers per item, shoppers who bought it at least twice
 * @param categoryRepurchase leaf category to {share of its buyers who re-bought an item, mean interval days}
 * @param shopCovisit shop to shops visited by the same shoppers (cosine of their visitor sets)
 * @param shopPopularity distinct shoppers per shop
 * @param promotionSpend estimated budget used per promotion (every eligible purchase in its validity counted)
 * @param queries past queries, most searched first
 */
public record ItemStats(float[] popularity, float[] trend, Links cobuy, Map<String, Map<String, Float>> categoryCobuy,
    float[] repurchaseDays, int[] repurchasers, Map<String, float[]> categoryRepurchase,
    Map<String, Map<String, Float>> shopCovisit, Map<String, Float> shopPopularity, Map<String, Double> promotionSpend,
    List<QueryStat> queries) {

  private static final int VERSION = 1;

  /** Statistics of nothing, for {@code items} items. */
  public static ItemStats empty(int items) {
    float[] nan = new float[items];
    java.util.Arrays.fill(nan, Float.NaN);
    return new ItemStats(new float[items], new float[items], Links.empty(items), Map.of(), nan, new int[items], Map.of(),
        Map.of(), Map.of(), Map.of(), List.of());
  }

  public int numItems() {
    return popularity.length;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(VERSION);
    out.writeInt(popularity.length);
    ModelFormat.writeFloats(out, popularity);
    ModelFormat.writeFloats(out, trend);
    cobuy.write(out);
    writeNested(out, categoryCobuy);
    ModelFormat.writeFloats(out, repurchaseDays);
    ModelFormat.writeInts(out, repurchasers);
    out.writeInt(categoryRepurchase.size());
    for (var e : categoryRepurchase.entrySet()) {
      out.writeUTF(e.getKey());
      ModelFormat.writeFloats(out, e.getValue());
    }
    writeNested(out, shopCovisit);
    writeFloatMap(out, shopPopularity);
    out.writeInt(promotionSpend.size());
    for (var e : promotionSpend.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeDouble(e.getValue());
    }
    out.writeInt(queries.size());
    for (QueryStat q : queries) {
      out.writeUTF(q.query());
      out.writeInt(q.users());
      out.writeInt(q.count());
      out.writeBoolean(q.category() != null);
      if (q.category() != null) out.writeUTF(q.category());
    }
  }

  static ItemStats read(DataInputStream in, int expectedItems) throws IOException {
    int v = in.readInt();
    if (v != VERSION) throw new IOException("item statistics format " + v + " is not supported (this build reads " + VERSION + ")");
    int n = in.readInt();
    if (n != expectedItems) throw new IOException("item statistics cover " + n + " items, the matrix " + expectedItems);
    float[] pop = ModelFormat.readFloats(in);
    float[] trend = ModelFormat.readFloats(in);
    Links cobuy = Links.read(in, n);
    Map<String, Map<String, Float>> catCobuy = readNested(in);
    float[] rep = ModelFormat.readFloats(in);
    int[] repUsers = ModelFormat.readInts(in);
    if (pop.length != n || trend.length != n || rep.length != n || repUsers.length != n) {
      throw new IOException("corrupt item statistics: array lengths");
    }
    int cr = count(in);
    Map<String, float[]> catRep = new LinkedHashMap<>();
    for (int i = 0; i < cr; i++) catRep.put(in.readUTF(), ModelFormat.readFloats(in));
    Map<String, Map<String, Float>> covisit = readNested(in);
    Map<String, Float> shopPop = readFloatMap(in);
    int ps = count(in);
    Map<String, Double> spend = new LinkedHashMap<>();
    for (int i = 0; i < ps; i++) spend.put(in.readUTF(), in.readDouble());
    int qs = count(in);
    List<QueryStat> queries = new ArrayList<>(qs);
    for (int i = 0; i < qs; i++) {
      String q = in.readUTF();
      int users = in.readInt();
      int c = in.readInt();
      String cat = in.readBoolean() ? in.readUTF() : null;
      queries.add(new QueryStat(q, users, c, cat));
    }
    return new ItemStats(pop, trend, cobuy, catCobuy, rep, repUsers, Collections.unmodifiableMap(catRep), covisit,
        shopPop, Collections.unmodifiableMap(spend), Collections.unmodifiableList(queries));
  }

  private static int count(DataInputStream in) throws IOException {
    int c = in.readInt();
    if (c < 0) throw new IOException("corrupt item statistics: negative count");
    return c;
  }

  private static void writeFloatMap(DataOutputStream out, Map<String, Float> m) throws IOException {
    out.writeInt(m.size());
    for (var e : m.entrySet()) {
      out.writeUTF(e.getKey());
      out.writeFloat(e.getValue());
    }
  }

  private static Map<String, Float> readFloatMap(DataInputStream in) throws IOException {
    int c = count(in);
    Map<String, Float> m = new LinkedHashMap<>();
    for (int i = 0; i < c; i++) m.put(in.readUTF(), in.readFloat());
    return Collections.unmodifiableMap(m);
  }

  private static void writeNested(DataOutputStream out, Map<String, Map<String, Float>> m) throws IOException {
    out.writeInt(m.size());
    for (var e : m.entrySet()) {
      out.writeUTF(e.getKey());
      writeFloatMap(out, e.getValue());
    }
  }

  private static Map<String, Map<String, Float>> readNested(DataInputStream in) throws IOException {
    int c = count(in);
    Map<String, Map<String, Float>> m = new LinkedHashMap<>();
    for (int i = 0; i < c; i++) m.put(in.readUTF(), readFloatMap(in));
    return Collections.unmodifiableMap(m);
  }
}
