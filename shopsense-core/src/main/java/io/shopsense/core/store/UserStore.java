package io.shopsense.core.store;

import io.shopsense.core.model.IdentityLink;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Shopper profiles (as JSON documents), identity links across channels, and erasure. */
public interface UserStore {
  /** Saves the profile document of a shopper, replacing the previous one. */
  void saveProfile(String user, String json);

  /**
   * Saves several profile documents (shopper id to document) at once; stores that can write them in
   * one transaction (one durable commit instead of one per shopper) do.
   */
  default void saveProfiles(Map<String, String> docs) {
    docs.forEach(this::saveProfile);
  }

  Optional<String> profile(String user);

  /** Links an alias (device, channel account, anonymous id) to a shopper. Re-linking moves the alias. */
  void link(IdentityLink link);

  /** The shopper an alias belongs to, or the alias itself when it is not linked. */
  String resolve(String alias);

  /** Every alias linked to the shopper. */
  List<IdentityLink> links(String user);

  /**
   * Erases the shopper everywhere in this store: events (their own and those of linked aliases),
   * profile and identity links, in one transaction. Returns the number of events removed.
   */
  long eraseUser(String user);
}
