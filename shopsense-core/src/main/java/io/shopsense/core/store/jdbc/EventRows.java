package io.shopsense.core.store.jdbc;

import io.shopsense.core.model.Channel;
import io.shopsense.core.model.Event;
import io.shopsense.core.model.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Column list and row mapping of the {@code events} table, shared by both backends. */
final class EventRows {
  /** The stored columns in binding order (seq is generated). */
  static final String COLUMNS = "event_id, user_id, type, item_id, ts, session_id, channel, val, query, shown, body";

  /** Skips events whose id is stored already; names the partial unique index {@code events_id}. */
  static final String ON_ID_CONFLICT = "ON CONFLICT (event_id) WHERE event_id IS NOT NULL DO NOTHING";

  private EventRows() {}

  static String channel(Event e) {
    return e.channel() == null ? null : e.channel().wireName();
  }

  static String shown(Event e) {
    return e.items() == null ? null : Json.writeList(e.items());
  }

  /** Reads an event from the current row, whose first 11 columns are {@link #COLUMNS}. */
  static Event read(ResultSet rs) throws SQLException {
    double v = rs.getDouble(8);
    Double value = rs.wasNull() ? null : v;
    String ch = rs.getString(7);
    String shown = rs.getString(10);
    return new Event(rs.getString(1), rs.getString(2), EventType.ofCode(rs.getInt(3)), rs.getString(4),
        rs.getLong(5), rs.getString(6), ch == null ? null : Channel.fromWire(ch), value, rs.getString(9),
        shown == null ? null : Json.readList(shown), rs.getString(11));
  }
}
