package io.shopsense.core.config;

/** A bad configuration value or key; {@link #key()} names it. */
public class ConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String key;

  public ConfigException(String message, String key) {
    super(message);
    this.key = key;
  }

  /** The offending key, or null. */
  public String key() {
    return key;
  }
}
