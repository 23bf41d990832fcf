package io.shopsense.server.auth;

/** Who may call a route when API keys are configured. */
public enum Access {
  /** No key needed: {@code /health}, {@code /metrics}, {@code /openapi.json}, the console files. */
  PUBLIC,
  /** The serving key or the admin key: reads and {@code POST /v1/events}. */
  SERVING,
  /** Only the admin key: catalog writes, training, experiments, erasure. */
  ADMIN
}
