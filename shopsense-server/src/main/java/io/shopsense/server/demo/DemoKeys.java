package io.shopsense.server.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The demo's API keys: a random serving key and a random admin key, made on the first start and
 * saved in {@code <data>/demo-keys.properties} (owner-only permissions) so a restart reuses them and
 * scripts written against the first run keep working.
 *
 * @param serving the serving key ({@code SHOPSENSE_API_KEY}): reads and events
 * @param admin the admin key ({@code SHOPSENSE_ADMIN_KEY}): catalog writes, training, experiments
 */
public record DemoKeys(String serving, String admin) {
  /** The file under the data directory. */
  public static final String FILE = "demo-keys.properties";

  private static final SecureRandom RANDOM = new SecureRandom();

  /** Reads the saved keys, or makes and saves new ones when there are none (or they are unusable). */
  public static DemoKeys loadOrCreate(Path dataDir) {
    Path file = dataDir.resolve(FILE);
    try {
      if (Files.isRegularFile(file)) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
          p.load(r);
        }
        String s = p.getProperty("SHOPSENSE_API_KEY", "");
        String a = p.getProperty("SHOPSENSE_ADMIN_KEY", "");
        if (s.length() >= 16 && a.length() >= 16 && !s.equals(a)) return new DemoKeys(s, a);
      }
      DemoKeys k = new DemoKeys("ss-serve-" + token(), "ss-admin-" + token());
      save(file, k);
      return k;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the demo keys in " + file, e);
    }
  }

  private static void save(Path file, DemoKeys k) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(FILE + ".tmp");
    Files.deleteIfExists(tmp);
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      // created owner-only: the admin key can retrain and delete data
      Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      w.write("# ShopSense demo API keys, made by './shopsense demo' and reused on restart.\n");
      w.write("# Delete this file to get new keys on the next start.\n");
      w.write("SHOPSENSE_API_KEY=" + k.serving() + "\n");
      w.write("SHOPSENSE_ADMIN_KEY=" + k.admin() + "\n");
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private static String token() {
    byte[] b = new byte[24];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** Never prints the keys: records would otherwise show them in logs. */
  @Override
  public String toString() {
    return "DemoKeys[saved]";
  }
}
