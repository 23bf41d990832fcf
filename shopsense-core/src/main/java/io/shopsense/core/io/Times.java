package io.shopsense.core.io;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Parses the times of the data formats: ISO-8601 date-times with {@code Z} or an offset, date-times
 * without a zone (taken as UTC) and plain dates (midnight UTC), to epoch milliseconds. The common
 * {@code yyyy-MM-ddTHH:mm:ss[.fff](Z|+hh:mm)} form is parsed by hand because {@link DateTimeFormatter}
 * costs microseconds per call and an import parses a million of them.
 */
public final class Times {
  private Times() {}

  /**
   * Epoch milliseconds of an ISO-8601 text.
   *
   * @throws IllegalArgumentException when the text is not such a time
   */
  public static long parseIso(String s) {
    long fast = fast(s);
    if (fast != Long.MIN_VALUE) return fast;
    try {
      TemporalAccessor t = DateTimeFormatter.ISO_DATE_TIME.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
      if (t instanceof OffsetDateTime o) return o.toInstant().toEpochMilli();
      return ((LocalDateTime) t).toInstant(ZoneOffset.UTC).toEpochMilli();
    } catch (DateTimeParseException e) {
      try {
        return LocalDate.parse(s).toEpochDay() * 86_400_000L;
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException("not an ISO-8601 time: " + s, e2);
      }
    }
  }

  /** The hand-parsed common form, or Long.MIN_VALUE when the text has another shape. */
  private static long fast(String s) {
    int n = s.length();
    if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != 't')
        || s.charAt(13) != ':' || s.charAt(16) != ':') {
      return Long.MIN_VALUE;
    }
    int year = digits(s, 0, 4);
    int month = digits(s, 5, 2);
    int day = digits(s, 8, 2);
    int hour = digits(s, 11, 2);
    int minute = digits(s, 14, 2);
    int second = digits(s, 17, 2);
    if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
      return Long.MIN_VALUE;
    }
    int i = 19;
    int millis = 0;
    if (i < n && s.charAt(i) == '.') {
      i++;
      int start = i;
      int scale = 100;
      while (i < n && Character.isDigit(s.charAt(i))) {
        millis += (s.charAt(i) - '0') * scale;
        scale /= 10;
        i++;
      }
      if (i == start || i - start > 9) return Long.MIN_VALUE;
    }
    int offsetSeconds = 0;
    if (i < n) {
      char z = s.charAt(i);
      if ((z == 'Z' || z == 'z') && i + 1 == n) {
        offsetSeconds = 0;
      } else if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
        int oh = digits(s, i + 1, 2);
        int om = digits(s, i + 4, 2);
        if (oh < 0 || om < 0 || oh > 18 || om > 59) return Long.MIN_VALUE;
        offsetSeconds = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
      } else {
        return Long.MIN_VALUE;
      }
    }
    long epochDay;
    try {
      epochDay = LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Long.MIN_VALUE; // e.g. February 30: let the full parser produce the error
    }
    long secs = epochDay * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    return secs * 1000L + millis;
  }

  private static int digits(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
