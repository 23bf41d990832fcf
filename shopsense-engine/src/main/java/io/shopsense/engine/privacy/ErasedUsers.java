package io.shopsense.engine.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ids of erased shoppers (and their aliases), so late events for them are refused until they are
 * explicitly re-created. Only the SHA-256 of each id is kept, in {@code <data>/erased.txt} (one hex
 * digest per line, rewritten atomically), so the list itself does not hold the erased ids. Thread-safe.
 */
public final class ErasedUsers {
  private final Path file;
  private final Set<String> digests = ConcurrentHashMap.newKeySet();

  public ErasedUsers(Path file) {
    this.file = file;
    if (Files.isRegularFile(file)) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          String s = line.strip();
          if (!s.isEmpty()) digests.add(s);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the erased-shopper list " + file + ": " + e.getMessage(), e);
      }
    }
  }

  public boolean contains(String id) {
    return id != null && !digests.isEmpty() && digests.contains(digest(id));
  }

  public synchronized void add(Collection<String> ids) {
    boolean changed = false;
    for (String id : ids) changed |= digests.add(digest(id));
    if (changed) save();
  }

  /** Re-creates the ids; true when any was erased. */
  public synchronized boolean remove(Collection<String> ids) {
    boolean changed = false;
    for (String id : ids) changed |= digests.remove(digest(id));
    if (changed) save();
    return changed;
  }

  private void save() {
    List<String> lines = new ArrayList<>(digests);
    lines.sort(null);
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(tmp, lines, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the erased-shopper list " + file + ": " + e.getMessage(), e);
    }
  }

  static String digest(String id) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
