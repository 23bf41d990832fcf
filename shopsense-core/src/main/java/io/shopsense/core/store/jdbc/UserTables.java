package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.IdentityLink;
import io.shopsense.core.store.UserStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Profiles, identity links and erasure in SQL. */
final class UserTables implements UserStore {
  private static final String UPSERT_PROFILE =
      "INSERT INTO profiles (user_id, doc) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET doc = excluded.doc";
  private final Db db;

  UserTables(Db db) {
    this.db = db;
  }

  @Override
  public void saveProfile(String user, String json) {
    db.write("save profile of " + user, c -> {
      try (PreparedStatement ps = c.prepareStatement(UPSERT_PROFILE)) {
        ps.setString(1, user);
        ps.setString(2, json);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void saveProfiles(Map<String, String> docs) {
    if (docs.isEmpty()) return;
    db.write("save " + docs.size() + " profiles", c -> {
      try (PreparedStatement ps = c.prepareStatement(UPSERT_PROFILE)) {
        for (var e : docs.entrySet()) {
          ps.setString(1, e.getKey());
          ps.setString(2, e.getValue());
          ps.addBatch();
        }
        ps.executeBatch();
        return null;
      }
    });
  }

  @Override
  public Optional<String> profile(String user) {
    return db.read("read profile of " + user, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT doc FROM profiles WHERE user_id = ?")) {
        ps.setString(1, user);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public void link(IdentityLink link) {
    db.write("link " + link.alias() + " to " + link.user(), c -> {
      try (PreparedStatement ps = c.prepareStatement(
          CatalogTables.upsert("identity_links", "alias, user_id, channel, linked"))) {
        ps.setString(1, link.alias());
        ps.setString(2, link.user());
        ps.setString(3, link.channel() == null ? null : link.channel().wireName());
        ps.setLong(4, link.linked());
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public String resolve(String alias) {
    return db.read("resolve " + alias, c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT user_id FROM identity_links WHERE alias = ?")) {
        ps.setString(1, alias);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : alias;
        }
      }
    });
  }

  @Override
  public List<IdentityLink> links(String user) {
    return db.read("read links of " + user, c -> links(c, user));
  }

  private static List<IdentityLink> links(Connection c, String user) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT alias, user_id, channel, linked FROM identity_links WHERE user_id = ? ORDER BY alias")) {
      ps.setString(1, user);
      List<IdentityLink> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new IdentityLink(rs.getString(1), rs.getString(2), Channel.fromWire(rs.getString(3)), rs.getLong(4)));
        }
      }
      return out;
    }
  }

  /** Events and profiles of the shopper and their aliases go first, then the links that name them. */
  @Override
  public long eraseUser(String user) {
    return db.write("erase user " + user, c -> {
      List<String> person = new ArrayList<>();
      person.add(user);
      for (IdentityLink l : links(c, user)) person.add(l.alias());
      long events = 0;
      try (PreparedStatement ev = c.prepareStatement("DELETE FROM events WHERE seq IN (" + Days.SEQS_OF_USER + ")");
           PreparedStatement pr = c.prepareStatement("DELETE FROM profiles WHERE user_id = ?")) {
        for (String id : person) {
          ev.setString(1, id);
          events += ev.executeUpdate();
          pr.setString(1, id);
          pr.executeUpdate();
        }
      }
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM identity_links WHERE user_id = ? OR alias = ?")) {
        ps.setString(1, user);
        ps.setString(2, user);
        ps.executeUpdate();
      }
      return events;
    });
  }
}
