package io.shopsense.server.cli;

import io.shopsense.core.generate.GeneratorSpec;
import io.shopsense.server.demo.Demo;
import io.shopsense.server.demo.DemoKeys;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./shopsense demo [--data DIR] [--port 8080] [--size small|medium]}: everything a new user
 * needs in one command. Generates the synthetic store, imports it, builds the search index, trains
 * every model and serves the API and the web console on 127.0.0.1 until stopped; each step is
 * skipped when an earlier start on the same {@code --data} finished it. Progress goes to stderr, the
 * address and the API keys to stdout.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"Generate a demo store, import it, train every model and serve the API and web console.",
        "A second start on the same --data directory reuses what is built and is ready in seconds."})
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Data directory (created when missing). Default: ./demo-data/<size>.")
  Path data;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
      description = "HTTP port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--size", paramLabel = "small|medium", defaultValue = "medium",
      description = "small (2k items, 1k shoppers, 100k events) or medium (20k, 10k, 1M). Default: ${DEFAULT-VALUE}.")
  String size;

  /** Fails with a one-line reason when something already listens on 127.0.0.1:port. */
  static void requireFreePort(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress("127.0.0.1", port));
    } catch (IOException e) {
      throw new UserError("port " + port + " on 127.0.0.1 is in use: stop what listens there or pass another --port");
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    GeneratorSpec gs = GeneratorSpec.ofSize(size);
    if (port < 0 || port > 65535) throw new UserError("--port must be between 0 and 65535, got " + port);
    Path dir = data != null ? data : Path.of("demo-data", size.toLowerCase(Locale.ROOT));
    if (Files.exists(dir) && !Files.isDirectory(dir)) throw new UserError("--data " + dir + " is a file, not a directory");
    if (port != 0) requireFreePort(port); // before minutes of building, not after
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.printf(Locale.ROOT, "ShopSense demo: %s store (%,d shoppers, %,d items, about %,d events, seed %d) in %s%n",
        size, gs.users(), gs.items(), gs.events(), gs.seed(), dir.toAbsolutePath().normalize());
    out.flush();
    Demo demo;
    try {
      demo = Demo.start(new Demo.Options(dir, gs, "127.0.0.1", port, Map.of()), err);
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage());
    }
    DemoKeys k = demo.keys();
    out.printf(Locale.ROOT, "%nReady in %.1f s.%n", demo.readySeconds());
    out.println("  Console:   " + demo.url());
    out.println("  API:       " + demo.url() + "v1/   (OpenAPI: " + demo.url() + "openapi.json)");
    out.println("  Serving key (SHOPSENSE_API_KEY):   " + k.serving());
    out.println("  Admin key   (SHOPSENSE_ADMIN_KEY): " + k.admin());
    out.println("  Keys saved in " + dir.resolve(DemoKeys.FILE) + "; the console on this machine receives them itself.");
    out.println("  Try: curl -H 'X-Api-Key: " + k.serving() + "' '" + demo.url() + "v1/search?q=running+shoes&user=" + demo.exampleShopper()
        + "&explain=true'");
    out.println("Press Ctrl-C to stop.");
    out.flush();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      demo.close();
      stopped.countDown();
    }, "shopsense-demo-shutdown"));
    stopped.await();
    return 0;
  }
}
