package io.shopsense.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * End to end: {@code ./shopsense demo --size small} started as a process through the real launcher
 * (on a fresh data directory and a free port) must reach ready and answer {@code /health} and a
 * search; then the web console, driven in Debian's headless Chromium, must show different orders
 * for two shoppers and for the non-personalized column, reflect a click, render the dashboard's
 * charts and show hostile catalog text as text. Screenshots go to {@code target/screenshots/}.
 * Finally a second start on the same directory must reuse everything that was built.
 * The browser parts are skipped, with a message, only when {@code /usr/bin/chromium} is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(OrderAnnotation.class)
class DemoConsoleIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static final String XSS_TITLE = "<script>alert(1)</script>";

  private DemoProcess demo;
  private Browser browser;
  private JsonNode consoleConfig;

  @BeforeAll
  void startDemo() throws Exception {
    Path data = TARGET.resolve("it-demo/small");
    // a fresh directory, so the first start really builds everything (-Dshopsense.it.reuse=true keeps it while debugging)
    if (!Boolean.getBoolean("shopsense.it.reuse")) deleteTree(data);
    Files.createDirectories(data.getParent());
    Files.deleteIfExists(TARGET.resolve("it-demo/demo.log"));
    demo = DemoProcess.start("small", data, TARGET.resolve("it-demo/demo.log"), Duration.ofMinutes(15));
    consoleConfig = JSON.readTree(demo.get("/console-config.json", null).body());
  }

  @AfterAll
  void stop() throws Exception {
    if (browser != null) browser.close();
    if (demo != null) demo.close();
  }

  @Test
  @Order(1)
  void theLauncherReachesReadyAndAnswersHealthAndASearch() throws Exception {
    String out = demo.out();
    assertThat(out).contains("Ready in").contains("Console:   http://localhost:" + demo.port + "/")
        .contains("Serving key (SHOPSENSE_API_KEY):   " + demo.key("SHOPSENSE_API_KEY"))
        .contains("Admin key   (SHOPSENSE_ADMIN_KEY): " + demo.key("SHOPSENSE_ADMIN_KEY"));
    HttpResponse<String> health = demo.get("/health", null);
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("ok");

    String key = demo.key("SHOPSENSE_API_KEY");
    HttpResponse<String> search = demo.get("/v1/search?q=running+shoes&explain=true", key);
    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    JsonNode results = JSON.readTree(search.body()).path("results");
    assertThat(results.size()).isGreaterThan(0);
    assertThat(results.get(0).path("title").asText()).isNotEmpty();
    assertThat(demo.get("/v1/search?q=running+shoes", null).statusCode()).isEqualTo(401);
    // the demo hands the keys to a loopback console, and offers shoppers and queries
    assertThat(consoleConfig.path("keys").path("serving").asText()).isEqualTo(key);
    assertThat(consoleConfig.path("shoppers").size()).isGreaterThanOrEqualTo(2);
    assertThat(consoleConfig.path("queries").size()).isGreaterThan(0);
  }

  @Test
  @Order(2)
  void twoShoppersSeeDifferentOrdersAndBothDifferFromTheNonPersonalizedColumn() {
    Browser b = browser();
    String query = consoleConfig.path("queries").get(0).asText();
    String a = consoleConfig.path("shoppers").get(0).path("id").asText();
    String c = consoleConfig.path("shoppers").get(1).path("id").asText();
    open(b, "#/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));

    List<String> ordersA = searchAs(b, a);
    List<String> plainA = ids(b, "results-plain");
    b.screenshot("search-" + a);
    List<String> ordersC = searchAs(b, c);
    List<String> plainC = ids(b, "results-plain");
    b.screenshot("search-" + c);
    b.viewportScreenshot("console", 1280, 860); // the README's picture (docs/console.png)

    assertThat(ordersA).hasSizeGreaterThan(2);
    assertThat(ordersC).hasSizeGreaterThan(2);
    assertThat(plainC).as("the non-personalized column is the same for everyone").isEqualTo(plainA);
    assertThat(ordersA).as("shopper %s against shopper %s", a, c).isNotEqualTo(ordersC);
    assertThat(ordersA).as("shopper %s against not personalized", a).isNotEqualTo(plainA);
    assertThat(ordersC).as("shopper %s against not personalized", c).isNotEqualTo(plainA);
    // every result carries its explanation, price and a thumbnail placeholder
    WebElement first = b.driver.findElement(By.cssSelector("#results-personalized li.result"));
    assertThat(first.findElement(By.cssSelector(".source")).getText()).isNotBlank();
    assertThat(first.findElement(By.cssSelector(".price")).getText()).startsWith("¥");
    assertThat(first.findElements(By.cssSelector(".thumb"))).hasSize(1);
  }

  @Test
  @Order(3)
  void aClickIsSentAndTheShoppersRecentItemsAndNextResultsShowIt() throws Exception {
    Browser b = browser();
    String shopper = consoleConfig.path("shoppers").get(0).path("id").asText();
    String query = consoleConfig.path("queries").get(0).asText();
    open(b, "#/search?q=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
    searchAs(b, shopper);
    // click the last result of the non-personalized column: an item the shopper did not just act on
    List<WebElement> plain = b.driver.findElements(By.cssSelector("#results-plain li.result"));
    WebElement target = plain.get(plain.size() - 1);
    String clickedId = target.getAttribute("data-id");
    String clickedTitle = target.findElement(By.cssSelector(".result-title")).getText();
    b.click(target.findElement(By.cssSelector("button.result-title")));

    WebElement recent = b.await(60, d -> {
      List<WebElement> r = d.findElements(By.cssSelector("[data-testid=recent-items] li"));
      return r.isEmpty() ? null : r.get(0);
    });
    assertThat(b.driver.findElement(By.id("changes")).getText()).contains("After the shopper clicked");
    assertThat(recent.getText()).as("the newest recent item is the clicked one").isEqualTo(clickedTitle);
    b.screenshot("after-click");

    // the engine really recorded it: the profile's newest recent item
    JsonNode profile = JSON.readTree(demo.get("/v1/users/" + shopper + "/profile", demo.key("SHOPSENSE_API_KEY")).body());
    assertThat(profile.path("recent_items").get(0).path("id").asText()).isEqualTo(clickedId);

    // the shopper view shows the profile charts and the scenario lists
    open(b, "#/shopper/" + shopper);
    b.await(60, d -> d.findElements(By.cssSelector(".scenario-list .results, .scenario-list .empty")).size() >= 6 ? true : null);
    assertThat(nonEmptyCharts(b, ".profile")).isGreaterThanOrEqualTo(3);
    assertThat(b.driver.findElement(By.cssSelector("[data-testid=profile-recent] li")).getText()).contains(clickedTitle);
    b.screenshot("shopper");
  }

  @Test
  @Order(4)
  void theDashboardRendersItsCharts() {
    Browser b = browser();
    open(b, "#/dashboard");
    b.await(60, d -> "true".equals(d.findElement(By.id("main")).getAttribute("data-loaded")) ? true : null);
    // start an A/B test (admin key) and drive some traffic through the API, as a shop's front end would
    List<WebElement> start = b.driver.findElements(By.id("start-experiment"));
    if (!start.isEmpty()) b.click(start.get(0)); // a reused data directory may hold it already
    b.await(30, d -> d.findElements(By.cssSelector("#dash-experiments .experiment")).isEmpty() ? null : true);
    b.click(b.driver.findElement(By.id("simulate")));
    b.await(300, d -> d.findElement(By.id("simulate")).isEnabled()
        && d.findElement(By.cssSelector(".toolbar .status")).getText().startsWith("40/40") ? true : null);
    b.await(60, d -> nonEmptyCharts(b, "#dash-experiments") >= 2 ? true : null);

    assertThat(nonEmptyCharts(b, "#dash-live")).as("live: events, CTR and conversion, coverage and diversity").isEqualTo(3);
    assertThat(nonEmptyCharts(b, "#dash-history")).as("history per day").isEqualTo(3);
    assertThat(nonEmptyCharts(b, "#dash-offline")).as("offline metrics of the snapshots").isEqualTo(2);
    assertThat(nonEmptyCharts(b, "#dash-experiments")).as("CTR and conversion per variant with intervals").isEqualTo(2);
    b.screenshot("dashboard");

    open(b, "#/models");
    b.await(60, d -> d.findElements(By.cssSelector(".snapshot")).isEmpty() ? null : true);
    assertThat(b.driver.findElement(By.cssSelector(".snapshot h2")).getText()).containsPattern("Snapshot \\d+ — current");
    // train a new snapshot with the admin key, watching the engine's live progress (GET /v1/train/progress)
    b.click(b.driver.findElement(By.id("train")));
    String during = b.await(30, d -> {
      String t = d.findElement(By.id("train-progress")).getText();
      return t.contains("training —") ? t : null;
    });
    assertThat(during).as("a stage reported by the engine, and the overall percentage")
        .containsPattern("training — (reading events|building matrix|item statistics|search ranker|saving snapshot|[a-z]+) "
            + "\\(stage \\d+ of \\d+\\) .*\\d+% — ");
    b.screenshot("models-training");
    b.await(600, d -> d.findElements(By.cssSelector("#train-progress [data-done=true]")).isEmpty() ? null : true);
    assertThat(b.driver.findElement(By.id("train-progress")).getText()).containsPattern("snapshot \\d+ (published|not published)");
    b.screenshot("models");
  }

  @Test
  @Order(5)
  void theEvaluationReportShowsATableAlgorithmBarsAndMetricAgainstK() throws Exception {
    // the demo runs `evaluate --protocol holdout` in the background once it serves, at k = 5, 10, 20
    // (console.demo_eval_ks), over the engine's algorithms, and saves the reports for this page
    String key = demo.key("SHOPSENSE_API_KEY");
    long until = System.nanoTime() + 600_000_000_000L;
    JsonNode reports;
    do {
      assertThat(System.nanoTime()).as("the demo's background evaluation wrote its three reports").isLessThan(until);
      Thread.sleep(1000);
      reports = new ObjectMapper().readTree(demo.get("/v1/console/reports", key).body()).get("reports");
    } while (reports.size() < 3);
    List<String> files = new ArrayList<>();
    for (JsonNode r : reports) files.add(r.get("file").asText());
    assertThat(files).containsExactlyInAnyOrder("holdout-k5.json", "holdout-k10.json", "holdout-k20.json");
    Browser b = browser();
    open(b, "#/evaluation");
    b.await(60, d -> d.findElements(By.cssSelector("#eval-table tbody tr")).size() == 5 ? true : null);
    assertThat(b.driver.findElement(By.cssSelector("#eval-table tbody")).getText())
        .contains("popular").contains("trending").contains("itemknn").contains("als").contains("content");
    assertThat(nonEmptyCharts(b, ".eval-body")).as("algorithm bars and metric against k").isEqualTo(2);
    assertThat(b.driver.findElement(By.cssSelector(".eval-body")).getText()).contains("k = 5, 10, 20");
    b.screenshot("evaluation");
  }

  @Test
  @Order(6)
  void catalogTextIsShownAsTextNeverAsMarkup() throws Exception {
    Browser b = browser();
    String admin = demo.key("SHOPSENSE_ADMIN_KEY");
    String items = "[{\"id\":\"xss-script\",\"title\":\"" + XSS_TITLE.replace("/", "\\/") + "\",\"description\":\"alert\","
        + "\"category\":\"Shoes>Running\",\"brand\":\"<b>Bold</b>\",\"shop\":\"s001\",\"price\":1.5},"
        + "{\"id\":\"xss-img\",\"title\":\"<img src=x onerror=alert(2)> alert\",\"category\":\"Shoes>Running\","
        + "\"brand\":\"<i>Italic</i>\",\"shop\":\"s001\",\"price\":2.5}]";
    HttpResponse<String> r = demo.post("/v1/items", items, admin);
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);

    open(b, "#/search?q=alert");
    searchAs(b, "(anonymous)");
    List<String> titles = new ArrayList<>();
    for (WebElement e : b.driver.findElements(By.cssSelector("#results-personalized .result-title"))) titles.add(e.getText());
    assertThat(titles).contains(XSS_TITLE, "<img src=x onerror=alert(2)> alert");
    assertThat(b.driver.findElement(By.cssSelector("#results-personalized li[data-id=xss-script] .meta")).getText())
        .contains("<b>Bold</b>");
    assertNoMarkupInjected(b);

    open(b, "#/item/xss-script");
    WebElement head = b.await(60, d -> d.findElements(By.cssSelector("[data-testid=item-head] h2")).stream()
        .filter(e -> e.getText().equals(XSS_TITLE)).findFirst().orElse(null));
    assertThat(head.getText()).isEqualTo(XSS_TITLE);
    assertNoMarkupInjected(b);
    b.screenshot("xss");
  }

  @Test
  @Order(7)
  void aSecondStartOnTheSameDataReusesEverything() throws Exception {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    assertThat(demo.stop()).as("the demo stops cleanly on SIGTERM").isIn(0, 130, 143);
    Path log = TARGET.resolve("it-demo/demo-restart.log");
    Files.deleteIfExists(log);
    demo = DemoProcess.start("small", demo.data, log, Duration.ofMinutes(5));
    String progress = Files.readString(log);
    assertThat(progress).contains("generate done in").contains("already generated")
        .contains("already imported").contains("reusing model snapshot");
    assertThat(progress).doesNotContain("indexing the catalog");
    assertThat(demo.get("/health", null).statusCode()).isEqualTo(200);
  }

  // --- helpers

  private Browser browser() {
    assumeTrue(Browser.available(), "skipped: /usr/bin/chromium or /usr/bin/chromedriver is missing "
        + "(install Debian's chromium and chromium-driver packages; .ci/run does)");
    if (browser == null) {
      try {
        browser = new Browser(TARGET.resolve("it-demo/chromium-profile"), TARGET.resolve("screenshots"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return browser;
  }

  /** Loads the console afresh at a view (a reload, not just a hash change) and waits for it to start. */
  private void open(Browser b, String hash) {
    b.driver.get(demo.url + hash);
    b.driver.navigate().refresh();
    awaitReady(b);
  }

  private static void awaitReady(Browser b) {
    b.await(60, d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")) ? true : null);
  }

  /** Picks the shopper and runs the search; returns the personalized column's item ids once it finished. */
  private static List<String> searchAs(Browser b, String shopper) {
    WebElement main = b.driver.findElement(By.id("main"));
    int before = searchesDone(main);
    new Select(b.driver.findElement(By.id("shopper-select"))).selectByValue(shopper);
    b.click(b.driver.findElement(By.id("search-go")));
    String who = shopper.equals("(anonymous)") ? "the anonymous visitor" : shopper;
    b.await(90, d -> {
      if (searchesDone(main) <= before || !"false".equals(main.getAttribute("data-busy"))) return null;
      List<WebElement> ok = d.findElements(By.cssSelector(".status .notice.ok"));
      return !ok.isEmpty() && ok.get(0).getText().contains(" as " + who) ? true : null;
    });
    return ids(b, "results-personalized");
  }

  private static int searchesDone(WebElement main) {
    String n = main.getAttribute("data-searches");
    return n == null ? 0 : Integer.parseInt(n);
  }

  private static List<String> ids(Browser b, String listId) {
    List<String> out = new ArrayList<>();
    for (WebElement e : b.driver.findElements(By.cssSelector("#" + listId + " li.result"))) out.add(e.getAttribute("data-id"));
    return out;
  }

  /** Charts under the selector that drew something: an svg.chart not marked empty with a shape in it. */
  private static int nonEmptyCharts(Browser b, String scope) {
    Object n = b.driver.executeScript("return [...document.querySelectorAll(arguments[0] + ' svg.chart')]"
        + ".filter(s => !s.classList.contains('empty') && s.querySelector('path, rect, circle, polygon, line.interval')).length", scope);
    return ((Number) n).intValue();
  }

  private static void assertNoMarkupInjected(Browser b) {
    assertThrows(NoAlertPresentException.class, () -> b.driver.switchTo().alert(), "an alert fired");
    Object injected = b.driver.executeScript(
        "return document.querySelectorAll('#main script, #main img, #main b, #main i, #main [onerror]').length");
    assertThat(((Number) injected).intValue()).as("elements made from catalog text").isZero();
  }

  private static void deleteTree(Path p) throws java.io.IOException {
    if (!Files.exists(p)) return;
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
    }
  }
}
