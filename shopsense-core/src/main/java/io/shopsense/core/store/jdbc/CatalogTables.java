package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.PromotionKind;
import io.shopsense.core.model.Shop;
import io.shopsense.core.store.CatalogStore;
import io.shopsense.core.store.StoreException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Items, shops and promotions in SQL; the upsert syntax ({@code ON CONFLICT DO UPDATE}) is shared by SQLite and PostgreSQL. */
final class CatalogTables implements CatalogStore {
  private static final String ITEM_COLS = "id, title, description, category, brand, shop, price, in_stock, attributes, created";
  private static final String SHOP_COLS = "id, name, category, created";
  private static final String PROMO_COLS = "id, title, kind, shop, category, min_spend, discount, starts, ends, budget";

  private final Db db;

  CatalogTables(Db db) {
    this.db = db;
  }

  /** {@code INSERT ... ON CONFLICT (id) DO UPDATE SET every other column}. */
  static String upsert(String table, String cols) {
    String[] c = cols.split(", ");
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(cols).append(") VALUES (?");
    sql.append(",?".repeat(c.length - 1)).append(") ON CONFLICT (").append(c[0]).append(") DO UPDATE SET ");
    for (int i = 1; i < c.length; i++) sql.append(i > 1 ? ", " : "").append(c[i]).append(" = excluded.").append(c[i]);
    return sql.toString();
  }

  /**
   * Keeps the last record per id: a batch rewritten into one multi-row statement (PostgreSQL)
   * may not touch the same row twice.
   */
  static <T> List<T> lastPerId(List<T> records, Function<T, String> id) {
    Map<String, T> m = new LinkedHashMap<>();
    for (T r : records) m.put(id.apply(r), r);
    return m.size() == records.size() ? records : List.copyOf(m.values());
  }

  @Override
  public void upsertItems(List<Item> items) {
    if (items.isEmpty()) return;
    List<Item> rows = lastPerId(items, Item::id);
    db.write("upsert items", c -> {
      try (PreparedStatement ps = c.prepareStatement(upsert("items", ITEM_COLS))) {
        int pending = 0;
        for (Item it : rows) {
          ps.setString(1, it.id());
          ps.setString(2, it.title());
          ps.setString(3, it.description());
          ps.setString(4, it.category());
          ps.setString(5, it.brand());
          ps.setString(6, it.shop());
          ps.setDouble(7, it.price());
          ps.setBoolean(8, it.inStock());
          ps.setString(9, it.attributes().isEmpty() ? null : Json.writeMap(it.attributes()));
          ps.setLong(10, it.created());
          ps.addBatch();
          if (++pending % Dialect.CHUNK == 0) ps.executeBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  @Override
  public Optional<Item> item(String id) {
    return db.read("read item " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + ITEM_COLS + " FROM items WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(item(rs)) : Optional.empty();
        }
      }
    });
  }

  private static Item item(ResultSet rs) throws SQLException {
    String attrs = rs.getString(9);
    return new Item(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getDouble(7), rs.getBoolean(8), attrs == null ? Map.of() : Json.readMap(attrs),
        rs.getLong(10));
  }

  @Override
  public boolean deleteItem(String id) {
    return db.write("delete item " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM items WHERE id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public void forEachItem(Consumer<Item> consumer) {
    forEach("items", ITEM_COLS, CatalogTables::item, consumer);
  }

  @Override
  public long itemCount() {
    return count("items");
  }

  @Override
  public void upsertShops(List<Shop> shops) {
    if (shops.isEmpty()) return;
    List<Shop> rows = lastPerId(shops, Shop::id);
    db.write("upsert shops", c -> {
      try (PreparedStatement ps = c.prepareStatement(upsert("shops", SHOP_COLS))) {
        for (Shop s : rows) {
          ps.setString(1, s.id());
          ps.setString(2, s.name());
          ps.setString(3, s.category());
          ps.setLong(4, s.created());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  @Override
  public Optional<Shop> shop(String id) {
    return db.read("read shop " + id, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + SHOP_COLS + " FROM shops WHERE id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(shop(rs)) : Optional.empty();
        }
      }
    });
  }

  private static Shop shop(ResultSet rs) throws SQLException {
    return new Shop(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4));
  }

  @Override
  public void forEachShop(Consumer<Shop> consumer) {
    forEach("shops", SHOP_COLS, CatalogTables::shop, consumer);
  }

  @Override
  public long shopCount() {
    return count("shops");
  }

  @Override
  public void upsertPromotions(List<Promotion> promotions) {
    if (promotions.isEmpty()) return;
    List<Promotion> rows = lastPerId(promotions, Promotion::id);
    db.write("upsert promotions", c -> {
      try (PreparedStatement ps = c.prepareStatement(upsert("promotions", PROMO_COLS))) {
        for (Promotion p : rows) {
          ps.setString(1, p.id());
          ps.setString(2, p.title());
          ps.setString(3, p.kind().wireName());
          ps.setString(4, p.shop());
          ps.setString(5, p.category());
          setDouble(ps, 6, p.minSpend());
          ps.setDouble(7, p.discount());
          ps.setLong(8, p.starts());
          ps.setLong(9, p.ends());
          setDouble(ps, 10, p.budget());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  private static Promotion promotion(ResultSet rs) throws SQLException {
    String kind = rs.getString(3);
    PromotionKind k = PromotionKind.fromWire(kind);
    if (k == null) throw new StoreException("stored promotion " + rs.getString(1) + " has unknown kind " + kind);
    return new Promotion(rs.getString(1), rs.getString(2), k, rs.getString(4), rs.getString(5),
        getDouble(rs, 6), rs.getDouble(7), rs.getLong(8), rs.getLong(9), getDouble(rs, 10));
  }

  @Override
  public void forEachPromotion(Consumer<Promotion> consumer) {
    forEach("promotions", PROMO_COLS, CatalogTables::promotion, consumer);
  }

  @Override
  public long promotionCount() {
    return count("promotions");
  }

  static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
    if (v == null) ps.setNull(i, Types.DOUBLE);
    else ps.setDouble(i, v);
  }

  static Double getDouble(ResultSet rs, int i) throws SQLException {
    double v = rs.getDouble(i);
    return rs.wasNull() ? null : v;
  }

  /** A row mapper that may throw SQLException. */
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> void forEach(String table, String cols, Row<T> row, Consumer<T> consumer) {
    db.stream("read " + table, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + cols + " FROM " + table + " ORDER BY id")) {
        ps.setFetchSize(Db.fetchSize());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) consumer.accept(row.map(rs));
        }
      }
      return null;
    });
  }

  private long count(String table) {
    return db.count(table);
  }
}
