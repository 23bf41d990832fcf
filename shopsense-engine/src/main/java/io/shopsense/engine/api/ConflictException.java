package io.shopsense.engine.api;

/**
 * The request conflicts with the shopper's state: events or reads for a shopper who was erased
 * (until re-created with {@code ShopSense.recreate} or a new identity link). It is a
 * {@link BadRequestException} on field {@code user}, so a layer that only knows 400 still names the
 * field; the server may answer 409 instead.
 */
public class ConflictException extends BadRequestException {
  private static final long serialVersionUID = 1L;

  public ConflictException(String field, String message) {
    super(field, message);
  }
}
