package io.shopsense.server.cli;

import io.shopsense.engine.EngineOptions;
import io.shopsense.engine.ShopSense;
import io.shopsense.server.ServerOptions;
import io.shopsense.server.ShopSenseServer;
import io.shopsense.server.http.ConsoleRoutes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code shopsense serve}: opens the engine on a data directory and serves the HTTP API until the
 * process is stopped (Ctrl-C or SIGTERM close the server and then the engine). API keys come from
 * {@code SHOPSENSE_API_KEY} and {@code SHOPSENSE_ADMIN_KEY}; without them only loopback is allowed.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve the HTTP API (and the web console) over a data directory.")
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "Data directory (store, index, models).")
  Path data;

  @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", description = "TCP port (default 8080; 0 = any free port).")
  int port;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
      description = "Address to bind (default 127.0.0.1; others need API keys).")
  String host;

  @Option(names = "--store", paramLabel = "URL", description = "Store URL; default: store.url, else SQLite under DIR.")
  String storeUrl;

  @Override
  public Integer call() throws InterruptedException {
    if (!Files.isDirectory(data)) throw new UserError("no data directory " + data + " (create one with: shopsense import --data " + data + ")");
    ServerOptions options;
    EngineOptions engineOptions;
    try {
      engineOptions = new EngineOptions(data, storeUrl, null);
      options = ServerOptions.from(engineOptions.config(), System.getenv(), host, port);
      ShopSenseServer.requireSafeBinding(options);
    } catch (IllegalArgumentException e) { // ConfigException is one too
      throw new UserError(e.getMessage());
    }
    ShopSense engine = ShopSense.open(engineOptions);
    ShopSenseServer server;
    try {
      server = ShopSenseServer.start(engine, options, ConsoleRoutes.forServer(engine, data));
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
    spec.commandLine().getOut().println("ShopSense serving http://" + host + ":" + server.port() + "/ (console at /, API under /v1)");
    spec.commandLine().getOut().flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.stop();
      engine.close();
      stopped.countDown();
    }, "shopsense-shutdown"));
    stopped.await();
    return 0;
  }
}
