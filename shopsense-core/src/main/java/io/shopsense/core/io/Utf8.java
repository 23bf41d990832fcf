package io.shopsense.core.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
 * Hand-written because the JDK decoders either replace bad bytes or cost a char[] per line; the
 * ASCII fast path makes the check nearly free for typical event lines.
 */
final class Utf8 {
  private Utf8() {}

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  /** Offset (relative to {@code off}) of the first byte that is not valid UTF-8, or -1. */
  static int firstInvalid(byte[] b, int off, int len) {
    int i = off;
    int n = off + len;
    while (i < n) {
      // ASCII runs eight bytes at a time: most of an event line is ASCII
      if (i + 8 <= n && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
        i += 8;
        continue;
      }
      int c = b[i];
      if (c >= 0) {
        i++;
        continue;
      }
      c &= 0xff;
      int need;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        return i - off;
      }
      if (i + need >= n) return i - off; // truncated sequence
      int cp = c & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xff;
        if ((cc & 0xC0) != 0x80) return i - off; // report the start of the broken sequence
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i - off;
      i += need + 1;
    }
    return -1;
  }
}
