-- ShopSense schema for SQLite. Times are epoch milliseconds; lists and maps are JSON text.
CREATE TABLE items (
  id          TEXT NOT NULL PRIMARY KEY,
  title       TEXT,
  description TEXT,
  category    TEXT,
  brand       TEXT,
  shop        TEXT,
  price       REAL NOT NULL,
  in_stock    INTEGER NOT NULL,
  attributes  TEXT,
  created     INTEGER NOT NULL
);

CREATE TABLE shops (
  id       TEXT NOT NULL PRIMARY KEY,
  name     TEXT,
  category TEXT,
  created  INTEGER NOT NULL
);

CREATE TABLE promotions (
  id        TEXT NOT NULL PRIMARY KEY,
  title     TEXT,
  kind      TEXT NOT NULL,
  shop      TEXT,
  category  TEXT,
  min_spend REAL,
  discount  REAL NOT NULL,
  starts    INTEGER NOT NULL,
  ends      INTEGER NOT NULL,
  budget    REAL
);

-- seq (the rowid) gives append order; event_id is optional and unique (events_id below).
-- type is the stable EventType ordinal; shown is the JSON array of shown item ids.
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY,
  event_id   TEXT,
  user_id    TEXT NOT NULL,
  type       INTEGER NOT NULL,
  item_id    TEXT,
  ts         INTEGER NOT NULL,
  session_id TEXT,
  channel    TEXT,
  val        REAL,
  query      TEXT,
  shown      TEXT,
  body       TEXT
);
-- recentEvents(user), erasure and retention: per day, then user, then time (the rowid at the end
-- of every index breaks time ties). Day first keeps appends local: a batch of events close in time
-- dirties a few index pages of its days instead of pages all over a (user, ts) index, which made
-- SQLite rewrite most of that index into the WAL at every commit (half the append throughput).
-- Queries must spell the day exactly as "ts / 86400000" to use it.
-- partial: events without an id (MovieLens ratings, most live traffic) cost no entry here;
-- inserts name it with ON CONFLICT (event_id) WHERE event_id IS NOT NULL
CREATE UNIQUE INDEX events_id ON events (event_id) WHERE event_id IS NOT NULL;
CREATE INDEX events_day_user ON events (ts / 86400000, user_id, ts);

CREATE TABLE profiles (
  user_id TEXT NOT NULL PRIMARY KEY,
  doc     TEXT NOT NULL
);

CREATE TABLE identity_links (
  alias   TEXT NOT NULL PRIMARY KEY,
  user_id TEXT NOT NULL,
  channel TEXT,
  linked  INTEGER NOT NULL
);
CREATE INDEX identity_links_user ON identity_links (user_id);
