package io.shopsense.core.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Splits a file into lines of raw bytes without decoding them, checks each line is strict UTF-8,
 * and skips blank lines. Hand-written rather than a {@code BufferedReader} because decoding to
 * chars and back would double the parse cost and would replace bad bytes instead of reporting them.
 * A line is consumed before it is checked, so after an {@link InputException} the reader can go on
 * with the next line ({@code --skip-bad}). Not thread-safe.
 */
final class LineReader implements Closeable {
  /** A line longer than this is an error rather than a reason to grow the buffer without bound. */
  static final int MAX_LINE = 64 << 20;

  private final String file;
  private final FileChannel in;
  private final long size; // bytes of this reader's range
  private final boolean atFileStart;
  private final boolean wholeFile;
  private long unread; // bytes of the range not yet read from the channel
  private byte[] buf = new byte[1 << 20];
  private int start; // start of the unconsumed bytes in buf
  private int end; // end of valid bytes in buf
  private boolean eof;
  private long consumed; // bytes of the file consumed so far
  private long lineNumber;
  private long nonBlank;
  private int lineOff;
  private int lineLen;

  LineReader(Path path, String file) {
    this(path, file, 0, -1);
  }

  /**
   * Reads the bytes {@code [from, to)} of the file ({@code to = -1}: to the end). A range must
   * start at the beginning of a line; line numbers count from 1 at {@code from}.
   */
  LineReader(Path path, String file, long from, long to) {
    this.file = file;
    this.atFileStart = from == 0;
    this.wholeFile = from == 0 && to < 0;
    if (Files.isDirectory(path)) throw new InputException(file, 0, null, "is a directory, not a file");
    try {
      this.in = FileChannel.open(path, StandardOpenOption.READ);
      long end = to < 0 ? in.size() : Math.min(to, in.size());
      this.size = Math.max(0, end - from);
      this.unread = size;
      in.position(from);
    } catch (NoSuchFileException e) {
      throw new InputException(file, 0, null, "no such file");
    } catch (IOException e) {
      throw new InputException(file, 0, null, "cannot read: " + e.getMessage());
    }
  }

  /**
   * Advances to the next non-blank line. Returns false at the end of the file.
   *
   * @throws InputException when the line is not valid UTF-8 or is too long (the line is skipped)
   */
  boolean next() {
    while (true) {
      int nl = findNewline();
      if (nl < 0) return false;
      lineNumber++;
      int off = start;
      int len = nl - start;
      consumed += (nl < end ? len + 1 : len);
      start = nl < end ? nl + 1 : end;
      if (len > 0 && buf[off + len - 1] == '\r') len--;
      if (lineNumber == 1 && atFileStart && len >= 3 && buf[off] == (byte) 0xEF && buf[off + 1] == (byte) 0xBB
          && buf[off + 2] == (byte) 0xBF) { // byte order mark
        off += 3;
        len -= 3;
      }
      if (isBlank(buf, off, len)) continue;
      nonBlank++;
      lineOff = off;
      lineLen = len;
      int bad = Utf8.firstInvalid(buf, off, len);
      if (bad >= 0) {
        throw new InputException(file, lineNumber, null, String.format(
            "invalid UTF-8 byte 0x%02x at column %d (the file must be UTF-8)", buf[off + bad] & 0xff, bad + 1));
      }
      return true;
    }
  }

  /** Index of the next '\n' in buf (reading more as needed), or {@code end} for a last line without one, or -1 at EOF. */
  private int findNewline() {
    int scanned = 0; // bytes after start already known to hold no newline
    while (true) {
      for (int i = start + scanned; i < end; i++) if (buf[i] == '\n') return i;
      scanned = end - start;
      if (eof) return scanned > 0 ? end : -1;
      fill();
    }
  }

  /** Moves the unconsumed bytes to the front, grows the buffer when one line fills it, reads more. */
  private void fill() {
    if (start > 0) {
      System.arraycopy(buf, start, buf, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buf.length) {
      if (buf.length >= MAX_LINE) {
        throw new InputException(file, lineNumber + 1, null, "line longer than " + (MAX_LINE >> 20) + " MB");
      }
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    try {
      int want = (int) Math.min(buf.length - end, unread);
      int n = want == 0 ? -1 : in.read(ByteBuffer.wrap(buf, end, want));
      if (n < 0) {
        eof = true;
      } else {
        end += n;
        unread -= n;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isBlank(byte[] b, int off, int len) {
    for (int i = off, n = off + len; i < n; i++) {
      byte c = b[i];
      if (c != ' ' && c != '\t' && c != '\r') return false;
    }
    return true;
  }

  byte[] buf() {
    return buf;
  }

  int off() {
    return lineOff;
  }

  int len() {
    return lineLen;
  }

  /** The 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  /** Non-blank lines seen so far. */
  long nonBlankLines() {
    return nonBlank;
  }

  /** Bytes consumed so far. */
  long position() {
    return consumed;
  }

  /** True when this reader starts at the beginning of the file (where headers and byte order marks are). */
  boolean atFileStart() {
    return atFileStart;
  }

  /** True when this reader reads the whole file (not a range of it). */
  boolean wholeFile() {
    return wholeFile;
  }

  /** The size in bytes of the file (or of the range read). */
  long size() {
    return size;
  }

  String file() {
    return file;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
