package io.shopsense.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JDK HttpClient wrapper for the end-to-end tests: real HTTP against a server on a random port. */
public final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;
  private String key;

  public Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Sends this key in X-Api-Key from now on (null: none). */
  public Http key(String k) {
    this.key = k;
    return this;
  }

  /** A response: status, headers, body and the body as JSON (null when not JSON). */
  public record Res(int status, String body, HttpResponse<String> raw) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (status " + status + "): " + body, e);
      }
    }

    /** The error body's field, or null. */
    public String field() {
      JsonNode f = json().path("error").get("field");
      return f == null || f.isNull() ? null : f.asText();
    }

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    @Override
    public String toString() {
      return status + " " + body;
    }
  }

  public Res get(String path) {
    return send(builder(path).GET());
  }

  public Res delete(String path) {
    return send(builder(path).DELETE());
  }

  public Res post(String path, String json) {
    return post(path, json, "application/json");
  }

  public Res post(String path, String body, String contentType) {
    HttpRequest.Builder b = builder(path).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) b.header("Content-Type", contentType);
    return send(b);
  }

  public Res method(String method, String path) {
    return send(builder(path).method(method, HttpRequest.BodyPublishers.noBody()));
  }

  /** Sends a raw HTTP/1.1 GET of {@code target} (bytes the JDK client would refuse) and returns the status code. */
  public int rawGet(String target) {
    int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      String req = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
          + (key == null ? "" : "X-Api-Key: " + key + "\r\n") + "\r\n";
      s.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String status = new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(),
          java.nio.charset.StandardCharsets.ISO_8859_1)).readLine();
      return Integer.parseInt(status.split(" ")[1]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
    if (key != null) b.header("X-Api-Key", key);
    return b;
  }

  private Res send(HttpRequest.Builder b) {
    try {
      HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Res(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
