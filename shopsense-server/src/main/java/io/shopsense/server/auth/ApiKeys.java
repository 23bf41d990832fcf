package io.shopsense.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The serving and admin API keys ({@code SHOPSENSE_API_KEY}, {@code SHOPSENSE_ADMIN_KEY}), sent by
 * clients in {@code X-Api-Key}. Only SHA-256 digests are kept, and a presented key is compared with
 * {@link MessageDigest#isEqual} on digests (constant time in the key, and both keys are always
 * compared) so timing reveals neither key. The keys are never logged or printed by this class.
 */
public final class ApiKeys {
  /** What a presented key proves. */
  public enum Role { NONE, SERVING, ADMIN }

  /** The header that carries the key. */
  public static final String HEADER = "X-Api-Key";

  private final byte[] serving;
  private final byte[] admin;

  /**
   * @param servingKey the serving key, or null/blank for none
   * @param adminKey the admin key, or null/blank for none
   * @throws IllegalArgumentException when only one key is set, or both are equal
   */
  public ApiKeys(String servingKey, String adminKey) {
    boolean s = servingKey != null && !servingKey.isBlank();
    boolean a = adminKey != null && !adminKey.isBlank();
    if (s != a) {
      throw new IllegalArgumentException("set both SHOPSENSE_API_KEY and SHOPSENSE_ADMIN_KEY, or neither (only "
          + (s ? "SHOPSENSE_API_KEY" : "SHOPSENSE_ADMIN_KEY") + " is set)");
    }
    if (s && servingKey.equals(adminKey)) {
      throw new IllegalArgumentException("SHOPSENSE_API_KEY and SHOPSENSE_ADMIN_KEY must differ");
    }
    if (s && (servingKey.length() < 16 || adminKey.length() < 16)) {
      throw new IllegalArgumentException("API keys must be at least 16 characters long");
    }
    this.serving = s ? sha256(servingKey) : null;
    this.admin = a ? sha256(adminKey) : null;
  }

  /** No keys: every route is open (the server then binds to loopback only). */
  public static ApiKeys none() {
    return new ApiKeys(null, null);
  }

  /** True when keys are configured and requests must present one. */
  public boolean enabled() {
    return serving != null;
  }

  /** The role the presented key (the header value, possibly null) grants. */
  public Role roleOf(String presented) {
    if (!enabled() || presented == null || presented.isEmpty()) return Role.NONE;
    byte[] d = sha256(presented);
    boolean isAdmin = MessageDigest.isEqual(d, admin);
    boolean isServing = MessageDigest.isEqual(d, serving); // always both: no early exit
    return isAdmin ? Role.ADMIN : isServing ? Role.SERVING : Role.NONE;
  }

  /** Whether the role may call a route of that access level. */
  public static boolean allows(Role role, Access access) {
    return switch (access) {
      case PUBLIC -> true;
      case SERVING -> role == Role.SERVING || role == Role.ADMIN;
      case ADMIN -> role == Role.ADMIN;
    };
  }

  /** A stable label for metrics and rate limiting that does not reveal the key. */
  public static String label(Role role) {
    return role.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public String toString() {
    return enabled() ? "ApiKeys[configured]" : "ApiKeys[none]";
  }
}
