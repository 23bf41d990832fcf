package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import io.shopsense.core.model.IdentityLink;
import io.shopsense.core.model.Item;
import io.shopsense.core.model.Promotion;
import io.shopsense.core.model.Shop;
import io.shopsense.core.store.Store;
import io.shopsense.core.store.StoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The SQL store shared by SQLite and PostgreSQL: one implementation, a {@link Dialect} for what
 * differs. Opening migrates the schema with Flyway ({@code db/migration/<backend>}). Thread-safe.
 * Use {@link io.shopsense.core.store.Stores#open} rather than these factories.
 */
public final class JdbcStore implements Store {
  private final Db db;
  private final CatalogTables catalog;
  private final EventTable events;
  private final UserTables users;

  private JdbcStore(Dialect dialect, String url) {
    try {
      Flyway.configure().dataSource(dialect.dataSource(true)).locations(dialect.migrations())
          .load().migrate();
    } catch (FlywayException e) {
      dialect.close();
      throw new StoreException("cannot migrate the schema of " + url + ": " + e.getMessage(), e);
    }
    this.db = new Db(dialect, url);
    this.catalog = new CatalogTables(db);
    this.events = new EventTable(db, dialect);
    this.users = new UserTables(db);
  }

  /** A SQLite store in this file (created with its parent directories when missing). */
  public static JdbcStore sqlite(Path file, String displayUrl) {
    Path parent = file.toAbsolutePath().getParent();
    try {
      if (parent != null) Files.createDirectories(parent);
    } catch (IOException e) {
      throw new StoreException("cannot create the directory " + parent + " for " + displayUrl + ": " + e, e);
    }
    return new JdbcStore(new SqliteDialect(file), displayUrl);
  }

  /** A PostgreSQL store; the JDBC URL carries no credentials, they come separately. */
  public static JdbcStore postgres(String jdbcUrl, String user, String password, String displayUrl) {
    return new JdbcStore(new PostgresDialect(jdbcUrl, user, password), displayUrl);
  }

  @Override
  public String url() {
    return db.url();
  }

  @Override
  public void close() {
    db.close();
  }

  @Override
  public String toString() {
    return "JdbcStore[" + db.url() + "]";
  }

  // --- catalog ---
  @Override public void upsertItems(List<Item> items) { catalog.upsertItems(items); }
  @Override public Optional<Item> item(String id) { return catalog.item(id); }
  @Override public boolean deleteItem(String id) { return catalog.deleteItem(id); }
  @Override public void forEachItem(Consumer<Item> consumer) { catalog.forEachItem(consumer); }
  @Override public long itemCount() { return catalog.itemCount(); }
  @Override public void upsertShops(List<Shop> shops) { catalog.upsertShops(shops); }
  @Override public Optional<Shop> shop(String id) { return catalog.shop(id); }
  @Override public void forEachShop(Consumer<Shop> consumer) { catalog.forEachShop(consumer); }
  @Override public long shopCount() { return catalog.shopCount(); }
  @Override public void upsertPromotions(List<Promotion> promotions) { catalog.upsertPromotions(promotions); }
  @Override public void forEachPromotion(Consumer<Promotion> consumer) { catalog.forEachPromotion(consumer); }
  @Override public long promotionCount() { return catalog.promotionCount(); }

  // --- events ---
  @Override public int append(List<Event> batch) { return events.append(batch); }
  @Override public long bulkAppend(Iterator<? extends List<Event>> batches) { return events.bulkAppend(batches); }
  @Override public void forEachEvent(Consumer<Event> consumer) { events.forEachEvent(consumer); }
  @Override public List<Event> recentEvents(String user, int limit) { return events.recentEvents(user, limit); }
  @Override public List<String> recentUsers(int limit) { return events.recentUsers(limit); }
  @Override public long eventCount() { return events.eventCount(); }
  @Override public Map<EventType, Long> countByType() { return events.countByType(); }
  @Override public long[] distinctUsersAndItems() { return events.distinctUsersAndItems(); }
  @Override public long deleteEventsBefore(long time) { return events.deleteEventsBefore(time); }

  // --- users ---
  @Override public void saveProfile(String user, String json) { users.saveProfile(user, json); }
  @Override public void saveProfiles(Map<String, String> docs) { users.saveProfiles(docs); }
  @Override public Optional<String> profile(String user) { return users.profile(user); }
  @Override public void link(IdentityLink link) { users.link(link); }
  @Override public String resolve(String alias) { return users.resolve(alias); }
  @Override public List<IdentityLink> links(String user) { return users.links(user); }
  @Override public long eraseUser(String user) { return users.eraseUser(user); }
}
