-- ShopSense schema for PostgreSQL. Times are epoch milliseconds; lists and maps are JSON text.
-- Ids use the "C" collation so that "in id order" means the same byte order as on SQLite.
CREATE TABLE items (
  id          text COLLATE "C" NOT NULL PRIMARY KEY,
  title       text,
  description text,
  category    text,
  brand       text,
  shop        text,
  price       double precision NOT NULL,
  in_stock    boolean NOT NULL,
  attributes  text,
  created     bigint NOT NULL
);

CREATE TABLE shops (
  id       text COLLATE "C" NOT NULL PRIMARY KEY,
  name     text,
  category text,
  created  bigint NOT NULL
);

CREATE TABLE promotions (
  id        text COLLATE "C" NOT NULL PRIMARY KEY,
  title     text,
  kind      text NOT NULL,
  shop      text,
  category  text,
  min_spend double precision,
  discount  double precision NOT NULL,
  starts    bigint NOT NULL,
  ends      bigint NOT NULL,
  budget    double precision
);

-- seq gives append order; event_id is optional and unique (events_id below).
-- type is the stable EventType ordinal; shown is the JSON array of shown item ids.
CREATE TABLE events (
  seq        bigserial PRIMARY KEY,
  event_id   text COLLATE "C",
  user_id    text COLLATE "C" NOT NULL,
  type       smallint NOT NULL,
  item_id    text COLLATE "C",
  ts         bigint NOT NULL,
  session_id text,
  channel    text,
  val        double precision,
  query      text,
  shown      text,
  body       text
);
-- recentEvents(user), erasure and retention: per day, then user, then time (seq breaks ties).
-- The same layout as on SQLite (where day first keeps appends local) so that one set of queries
-- serves both; they must spell the day exactly as "ts / 86400000" to use it.
-- partial: events without an id (MovieLens ratings, most live traffic) cost no entry here;
-- inserts name it with ON CONFLICT (event_id) WHERE event_id IS NOT NULL
CREATE UNIQUE INDEX events_id ON events (event_id) WHERE event_id IS NOT NULL;
CREATE INDEX events_day_user ON events ((ts / 86400000), user_id, ts, seq);

CREATE TABLE profiles (
  user_id text COLLATE "C" NOT NULL PRIMARY KEY,
  doc     text NOT NULL
);

CREATE TABLE identity_links (
  alias   text COLLATE "C" NOT NULL PRIMARY KEY,
  user_id text COLLATE "C" NOT NULL,
  channel text,
  linked  bigint NOT NULL
);
CREATE INDEX identity_links_user ON identity_links (user_id);
