package io.shopsense.engine.snapshot;

import io.shopsense.core.config.Config;
import io.shopsense.engine.api.SnapshotInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The snapshots under {@code <data>/models/}: one directory per version, named by the version
 * zero-padded to six digits. A snapshot is written into a hidden temporary directory and published
 * by one atomic rename, so a reader (or a crash) never sees a half-written one; left-over temporary
 * directories (untouched for an hour) are removed on open. Only the newest {@code keep} are kept.
 * Several engines may share the directory (replicas on shared storage): one of them, or the Spark
 * trainer, publishes and the others pick the new version up (see {@link ModelManager#refresh}).
 */
public final class SnapshotRepository {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotRepository.class);
  private static final String TMP_PREFIX = ".tmp-";
  /** A temporary directory untouched this long is a crashed publish (a publish takes seconds). */
  private static final long STALE_TMP_MILLIS = 3_600_000L;
  private final Path root;

  public SnapshotRepository(Path root) {
    this.root = root;
    try {
      Files.createDirectories(root);
      try (Stream<Path> s = Files.list(root)) {
        // only stale ones: the directory may be shared by replicas, one of which may be publishing now
        long staleBefore = System.currentTimeMillis() - STALE_TMP_MILLIS;
        for (Path p : s.filter(p -> p.getFileName().toString().startsWith(TMP_PREFIX)).toList()) {
          if (Files.getLastModifiedTime(p).toMillis() < staleBefore) deleteTree(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the model directory " + root + ": " + e.getMessage(), e);
    }
  }

  public Path root() {
    return root;
  }

  /** Published versions, newest first. */
  public List<Long> versions() {
    List<Long> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        if (Files.isDirectory(p) && n.matches("\\d{6,}")) out.add(Long.parseLong(n));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
    out.sort(Comparator.reverseOrder());
    return out;
  }

  public Path dir(long version) {
    return root.resolve(String.format("%06d", version));
  }

  /** The next free version number. */
  public long nextVersion() {
    List<Long> v = versions();
    return v.isEmpty() ? 1 : v.get(0) + 1;
  }

  /** Writes the snapshot under its manifest's version and publishes it by atomic rename. */
  public Manifest publish(ModelSnapshot s) throws IOException {
    Path tmp = root.resolve(TMP_PREFIX + s.version() + "-" + System.nanoTime());
    try {
      Manifest m = SnapshotFiles.write(s, tmp);
      Path target = dir(s.version());
      if (Files.exists(target)) throw new IOException("snapshot " + target + " already exists");
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      LOG.info("published model snapshot {}", target);
      return m;
    } finally {
      if (Files.exists(tmp)) deleteTree(tmp);
    }
  }

  /** Reads and verifies one version. */
  public ModelSnapshot read(long version, Config config) throws IOException {
    return SnapshotFiles.read(dir(version), config);
  }

  /** The manifest of a version without verifying the files, or empty when unreadable. */
  public Optional<Manifest> manifest(long version) {
    try {
      return Optional.of(Manifest.read(dir(version).resolve(Manifest.FILE)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Deletes all but the newest {@code keep} versions, never {@code protect}. */
  public void prune(int keep, long protect) {
    List<Long> v = versions();
    for (int i = Math.max(1, keep); i < v.size(); i++) {
      if (v.get(i) == protect) continue;
      try {
        deleteTree(dir(v.get(i)));
        LOG.info("removed old model snapshot {}", v.get(i));
      } catch (IOException e) {
        LOG.warn("cannot remove old snapshot {}: {}", dir(v.get(i)), e.getMessage());
      }
    }
  }

  /** The listing entry of a version read from its manifest only. */
  public SnapshotInfo info(long version, String status) {
    return manifest(version).map(m -> new SnapshotInfo(m.version(), m.created(), m.algorithms(), m.metrics(), status,
        m.events(), m.users(), m.items(), m.searchRanker(), m.searchReport()))
        .orElse(new SnapshotInfo(version, 0, List.of(), java.util.Map.of(), status, 0, 0, 0, null, null));
  }

  static void deleteTree(Path p) throws IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
    }
  }
}
