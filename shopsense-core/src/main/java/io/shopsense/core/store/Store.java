package io.shopsense.core.store;

/** One storage backend: catalog, events and users together. Thread-safe. */
public interface Store extends CatalogStore, EventStore, UserStore, AutoCloseable {
  /** The URL this store was opened from, without credentials. */
  String url();

  @Override
  void close();
}
