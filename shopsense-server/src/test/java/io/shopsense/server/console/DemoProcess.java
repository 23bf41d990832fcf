package io.shopsense.server.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./shopsense demo} run as a real process (the repository's launcher script) on a free port:
 * waits for its "Ready" block, keeps its stdout, sends its stderr to a log file, and stops it with
 * SIGTERM (its shutdown hook closes the server and the engine).
 */
final class DemoProcess implements AutoCloseable {
  private static final Pattern CONSOLE = Pattern.compile("Console:\\s+(http://\\S+)");
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  final Path data;
  final int port;
  final List<String> stdout = new ArrayList<>();
  final Process process;
  String url;

  private DemoProcess(Path data, int port, Process process) {
    this.data = data;
    this.port = port;
    this.process = process;
  }

  /** The repository root: the directory above the module that holds the launcher. */
  static Path repositoryRoot() {
    Path p = Path.of("").toAbsolutePath();
    for (Path d = p; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("shopsense")) && Files.isRegularFile(d.resolve("mvnw"))) return d;
    }
    throw new IllegalStateException("no ./shopsense launcher above " + p);
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** Starts {@code ./shopsense demo --size SIZE --data DATA --port PORT} and waits until it prints its URL. */
  static DemoProcess start(String size, Path data, Path log, Duration timeout) throws IOException, InterruptedException {
    int port = freePort();
    ProcessBuilder pb = new ProcessBuilder(repositoryRoot().resolve("shopsense").toString(), "demo", "--size", size,
        "--data", data.toString(), "--port", Integer.toString(port));
    pb.directory(repositoryRoot().toFile());
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    DemoProcess d = new DemoProcess(data, port, pb.start());
    d.awaitReady(timeout);
    return d;
  }

  private void awaitReady(Duration timeout) throws InterruptedException {
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          synchronized (stdout) {
            stdout.add(line);
            stdout.notifyAll();
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }, "demo-stdout");
    reader.setDaemon(true);
    reader.start();
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (stdout) {
      while (url == null) {
        for (String line : stdout) {
          Matcher m = CONSOLE.matcher(line);
          if (m.find()) url = m.group(1);
        }
        if (url != null) break;
        if (!process.isAlive()) throw new IllegalStateException("the demo exited with " + process.exitValue() + ": " + stdout);
        long left = deadline - System.nanoTime();
        if (left <= 0) throw new IllegalStateException("the demo was not ready within " + timeout + ": " + stdout);
        stdout.wait(Math.min(1000, TimeUnit.NANOSECONDS.toMillis(left) + 1));
      }
    }
  }

  String out() {
    synchronized (stdout) {
      return String.join("\n", stdout);
    }
  }

  /** A key from the saved demo keys ({@code SHOPSENSE_API_KEY} or {@code SHOPSENSE_ADMIN_KEY}). */
  String key(String name) throws IOException {
    Properties p = new Properties();
    try (var r = Files.newBufferedReader(data.resolve("demo-keys.properties"))) {
      p.load(r);
    }
    return p.getProperty(name);
  }

  /** GET with an optional key; returns status and body. */
  HttpResponse<String> get(String pathAndQuery, String key) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + pathAndQuery.replaceFirst("^/", "")))
        .timeout(Duration.ofSeconds(60));
    if (key != null) b.header("X-Api-Key", key);
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** POST a JSON body with a key. */
  HttpResponse<String> post(String path, String json, String key) throws IOException, InterruptedException {
    HttpRequest r = HttpRequest.newBuilder(URI.create(url + path.replaceFirst("^/", "")))
        .timeout(Duration.ofSeconds(60)).header("X-Api-Key", key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    return HTTP.send(r, HttpResponse.BodyHandlers.ofString());
  }

  /** SIGTERM, then the exit code (forcibly killed after 60 s). */
  int stop() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) stop();
  }
}
