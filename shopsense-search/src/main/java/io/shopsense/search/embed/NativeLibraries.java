package io.shopsense.search.embed;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the native libraries the embedding models need out of the home folder and out of a shared
 * {@code /tmp}. Must run before the first ONNX Runtime or tokenizer class loads:
 * <ul>
 *   <li>ONNX Runtime copies its .so files into a fresh temporary directory on every start; here they
 *       are extracted once to {@code <dir>/onnxruntime-<version>/} and {@code onnxruntime.native.path}
 *       points there (ONNX Runtime still makes one empty temporary directory in the JVM's start-up
 *       {@code java.io.tmpdir}, which is why the launcher passes {@code -Djava.io.tmpdir}).</li>
 *   <li>The DJL tokenizer extracts {@code libtokenizers.so} to {@code ~/.djl.ai} unless
 *       {@code DJL_CACHE_DIR} is set: it is set to {@code <dir>/djl}, and DJL is told it is offline.</li>
 *   <li>{@code java.io.tmpdir} is moved to {@code <dir>/tmp} when it is still the system default,
 *       for libraries that read the property when they load (sqlite-jdbc).</li>
 * </ul>
 * Properties the user already set are kept. The first directory prepared in a JVM wins.
 */
public final class NativeLibraries {
  private static final Logger LOG = LoggerFactory.getLogger(NativeLibraries.class);
  private static final String ORT_RESOURCE = "/ai/onnxruntime/native/";
  private static final String[] ORT_LIBS = {"libonnxruntime.so", "libonnxruntime4j_jni.so"};
  private static Path prepared;

  private NativeLibraries() {}

  /** Prepares {@code dir} (created when missing) and sets the properties; idempotent. */
  public static synchronized void prepare(Path dir) {
    if (prepared != null) return;
    try {
      Files.createDirectories(dir);
      if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
        System.setProperty("DJL_CACHE_DIR", dir.resolve("djl").toAbsolutePath().toString());
      }
      if (System.getProperty("ai.djl.offline") == null) System.setProperty("ai.djl.offline", "true");
      String tmp = System.getProperty("java.io.tmpdir", "");
      if (tmp.equals("/tmp") || tmp.equals("/tmp/") || tmp.equals("/var/tmp") || tmp.equals("/var/tmp/")) {
        Path t = Files.createDirectories(dir.resolve("tmp"));
        System.setProperty("java.io.tmpdir", t.toAbsolutePath().toString());
      }
      String platform = ortPlatform();
      if (System.getProperty("onnxruntime.native.path") == null && platform != null) {
        Path ort = extractOnnxRuntime(dir, platform);
        if (ort != null) System.setProperty("onnxruntime.native.path", ort.toAbsolutePath().toString());
      }
      prepared = dir;
      LOG.debug("native libraries under {}", dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare native library directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** ONNX Runtime's name for this platform's resource folder; null where we let it do its own thing. */
  private static String ortPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    if (!os.contains("linux")) return null;
    if (arch.equals("amd64") || arch.equals("x86_64")) return "linux-x64";
    if (arch.equals("aarch64")) return "linux-aarch64";
    return null;
  }

  /** Copies the ONNX Runtime libraries out of its jar once; null when the jar has none for us. */
  private static Path extractOnnxRuntime(Path dir, String platform) throws IOException {
    // a class literal loads the class without running its static initialiser (which loads the .so)
    String version = ai.onnxruntime.OrtEnvironment.class.getPackage().getImplementationVersion();
    Path target = dir.resolve("onnxruntime-" + (version == null ? "unknown" : version));
    for (String lib : ORT_LIBS) {
      Path file = target.resolve(lib);
      try (InputStream in = ai.onnxruntime.OrtEnvironment.class.getResourceAsStream(ORT_RESOURCE + platform + "/" + lib)) {
        if (in == null) return null;
        if (Files.isRegularFile(file)) continue; // versioned directory: an existing copy is the same file
        Files.createDirectories(target);
        Path part = Files.createTempFile(target, lib, ".part");
        Files.copy(in, part, StandardCopyOption.REPLACE_EXISTING);
        Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    return target;
  }
}
