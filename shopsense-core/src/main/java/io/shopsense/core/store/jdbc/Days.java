package io.shopsense.core.store.jdbc;

/**
 * SQL over the {@code events_day_user} index ({@code ts / 86400000, user_id, ts}). The index has
 * day first so that appends stay local (see the migration); lookups by user therefore visit the
 * days that hold events, newest first, with one index seek per day: a loose index scan.
 */
final class Days {
  /** The indexed day expression; queries must repeat it verbatim for the index to apply. */
  static final String DAY = "ts / 86400000";

  /** The newest day strictly before ? that holds events. */
  static final String PREVIOUS = "SELECT " + DAY + " FROM events WHERE " + DAY + " < ? ORDER BY " + DAY + " DESC LIMIT 1";

  /** Every day that holds events, as CTE {@code days(d)}; the last row is NULL. */
  static final String ALL = "WITH RECURSIVE days(d) AS (SELECT MAX(" + DAY + ") FROM events UNION ALL"
      + " SELECT (SELECT MAX(" + DAY + ") FROM events WHERE " + DAY + " < days.d) FROM days WHERE days.d IS NOT NULL) ";

  /** The seq of every event of one user (parameter 1), found day by day through the index. */
  // CROSS JOIN makes SQLite loop over the days outside (it would otherwise scan the whole index)
  static final String SEQS_OF_USER = ALL + "SELECT e.seq FROM days CROSS JOIN events e WHERE days.d IS NOT NULL"
      + " AND e." + DAY + " = days.d AND e.user_id = ?";

  /** The newest events of one user (parameter 1), at most parameter 2, newest first, found day by day through the index. */
  static final String RECENT_OF_USER = ALL + "SELECT " + EventRows.COLUMNS.replaceAll("(^|, *)", "$1e.")
      + " FROM days CROSS JOIN events e WHERE days.d IS NOT NULL AND e." + DAY + " = days.d AND e.user_id = ?"
      + " ORDER BY e.ts DESC, e.seq DESC LIMIT ?";

  private Days() {}
}
