package io.shopsense.core.store;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A parsed store URL. Accepted forms: {@code sqlite:<path>}, {@code jdbc:sqlite:<path>},
 * {@code postgresql://user:pass@host:port/db?params} and {@code jdbc:postgresql://...}
 * ({@code postgres://} too). {@link #display()} is the URL without its password, for logs and
 * {@link Store#url()}.
 *
 * @param backend which backend serves the URL
 * @param sqliteFile the database file (SQLite only)
 * @param jdbcUrl the JDBC URL without credentials (PostgreSQL only)
 * @param user the user name, or null
 * @param password the password, or null
 * @param display the URL as given, minus the password
 */
public record StoreUrl(Backend backend, Path sqliteFile, String jdbcUrl, String user, String password,
    String display) {

  /** The storage backends. */
  public enum Backend { SQLITE, POSTGRESQL }

  /** Parses a store URL; an unknown scheme or a malformed URL is an IllegalArgumentException naming it. */
  public static StoreUrl parse(String url) {
    if (url == null || url.isBlank()) throw new IllegalArgumentException("empty store URL");
    String u = url.strip();
    String lower = u.toLowerCase(Locale.ROOT);
    boolean jdbc = lower.startsWith("jdbc:");
    String rest = jdbc ? u.substring(5) : u;
    String restLower = rest.toLowerCase(Locale.ROOT);
    if (restLower.startsWith("sqlite:")) {
      String path = rest.substring("sqlite:".length());
      if (path.isBlank()) throw new IllegalArgumentException("store URL '" + u + "' names no file: use sqlite:<path>");
      return new StoreUrl(Backend.SQLITE, Path.of(path), null, null, null, "sqlite:" + path);
    }
    if (restLower.startsWith("postgresql://") || restLower.startsWith("postgres://")) {
      return postgres(u, rest, jdbc);
    }
    throw new IllegalArgumentException("unknown store URL scheme in '" + redact(u)
        + "': use sqlite:<path> or postgresql://user:pass@host:port/db");
  }

  private static StoreUrl postgres(String original, String rest, boolean jdbc) {
    URI uri;
    try {
      uri = new URI(rest);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("malformed store URL '" + redact(original) + "': " + e.getReason(), e);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("store URL '" + redact(original) + "' names no host: use postgresql://user:pass@host:port/db");
    }
    String user = null;
    String password = null;
    if (uri.getUserInfo() != null) {
      String info = uri.getUserInfo();
      int colon = info.indexOf(':');
      user = colon < 0 ? info : info.substring(0, colon);
      password = colon < 0 ? null : info.substring(colon + 1);
    }
    String db = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
    String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    List<String> params = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    boolean rewrite = false;
    if (uri.getRawQuery() != null) {
      for (String p : uri.getRawQuery().split("&")) {
        if (p.isEmpty()) continue;
        String key = p.contains("=") ? p.substring(0, p.indexOf('=')) : p;
        if (key.equalsIgnoreCase("password")) {
          password = p.substring(p.indexOf('=') + 1);
          continue;
        }
        if (key.equalsIgnoreCase("user")) {
          user = p.substring(p.indexOf('=') + 1);
          continue;
        }
        if (key.equalsIgnoreCase("reWriteBatchedInserts")) rewrite = true;
        params.add(p);
        shown.add(p);
      }
    }
    // batched upserts become multi-row statements: several times faster on PostgreSQL
    if (!rewrite) params.add("reWriteBatchedInserts=true");
    String jdbcUrl = "jdbc:postgresql://" + hostPort + "/" + db + "?" + String.join("&", params);
    String display = (jdbc ? "jdbc:" : "") + "postgresql://" + (user == null ? "" : user + "@") + hostPort + "/" + db
        + (shown.isEmpty() ? "" : "?" + String.join("&", shown));
    return new StoreUrl(Backend.POSTGRESQL, null, jdbcUrl, user, password, display);
  }

  /** The URL with any password (user info or query parameter) removed. */
  static String redact(String url) {
    return url.replaceAll("//([^/@:]*):[^/@]*@", "//$1@").replaceAll("(?i)password=[^&]*", "password=***");
  }

  @Override
  public String toString() {
    return display;
  }
}
