package io.shopsense.server.console;

import io.shopsense.server.demo.ConsoleHints;
import java.nio.file.Path;

/**
 * What the server tells the web console besides the API: shoppers and queries to offer, the clock
 * offset for its events, where evaluation reports are, and (demo only) the keys.
 *
 * @param demo true when {@code ./shopsense demo} runs the server
 * @param servingKey handed to loopback clients of a demo, else null
 * @param adminKey handed to loopback clients of a demo, else null
 * @param hints shoppers and example queries
 * @param clockOffsetMs added to the browser's clock when it stamps events: a demo store whose
 *     simulated weeks lie in the past gets the console's clicks right after its last day, so
 *     trending and new-arrival windows stay meaningful (0 for a live store)
 * @param reportsDir where {@code evaluate --json} reports are read from
 */
public record ConsoleSettings(boolean demo, String servingKey, String adminKey, ConsoleHints hints, long clockOffsetMs,
    Path reportsDir) {

  /** A plain server: no keys handed out, no hints, real time. */
  public static ConsoleSettings plain(Path dataDir) {
    return new ConsoleSettings(false, null, null, ConsoleHints.none(), 0, dataDir.resolve("reports"));
  }
}
