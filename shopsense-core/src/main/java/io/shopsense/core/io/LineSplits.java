package io.shopsense.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Cuts a file into byte ranges of about equal size that start at line starts, for parallel validation. */
final class LineSplits {
  private LineSplits() {}

  /**
   * Returns {@code parts + 1} offsets {@code [0, c1, ..., size]}; every inner cut is just after a
   * '\n', so each range holds whole lines. Ranges may be empty when lines are long.
   */
  static long[] cuts(Path file, int parts) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long[] cuts = new long[parts + 1];
      cuts[parts] = size;
      ByteBuffer buf = ByteBuffer.allocate(64 << 10);
      for (int i = 1; i < parts; i++) {
        long pos = Math.max(cuts[i - 1], size * i / parts);
        cuts[i] = pos == 0 ? 0 : afterNewline(ch, buf, pos - 1, size);
      }
      return cuts;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The offset just after the first '\n' at or after {@code from}, or {@code size}. */
  private static long afterNewline(FileChannel ch, ByteBuffer buf, long from, long size) throws IOException {
    long pos = from;
    while (pos < size) {
      buf.clear();
      int n = ch.read(buf, pos);
      if (n <= 0) break;
      for (int i = 0; i < n; i++) if (buf.get(i) == '\n') return pos + i + 1;
      pos += n;
    }
    return size;
  }
}
