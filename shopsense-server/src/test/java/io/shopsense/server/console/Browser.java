package io.shopsense.server.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through its own chromedriver: both paths are given, so Selenium
 * Manager never looks for (or downloads) a browser or a driver. The flags are the ones this machine
 * needs (no sandbox as root, no background networking on a closed network).
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final Path screenshots;

  /** True when the browser and its driver are installed (CI installs them; see .ci/run). */
  static boolean available() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  Browser(Path profileDir, Path screenshots) throws IOException {
    this.screenshots = Files.createDirectories(screenshots);
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions", "--user-data-dir=" + Files.createDirectories(profileDir).toAbsolutePath(),
        "--window-size=1400,1000", "--lang=en-US");
    // an alert must stay open so the XSS test can see it, not be dismissed silently
    o.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    driver = new ChromeDriver(service, o);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
  }

  /** Waits up to {@code seconds} for the condition to be non-null and not false. */
  <T> T await(int seconds, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(200)).until(condition);
  }

  /** Scrolls the element to the middle of the window (clear of the sticky header), then clicks it. */
  void click(org.openqa.selenium.WebElement e) {
    driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", e);
    e.click();
  }

  /** Saves a screenshot of the page (the window grown to the page's height) under the screenshot folder. */
  Path screenshot(String name) {
    driver.executeScript("window.scrollTo(0, 0)");
    Dimension before = driver.manage().window().getSize();
    Object h = driver.executeScript("return Math.min(4000, document.documentElement.scrollHeight)");
    int height = h instanceof Number n ? n.intValue() : before.getHeight();
    driver.manage().window().setSize(new Dimension(before.getWidth(), Math.max(before.getHeight(), height)));
    try {
      Path f = screenshots.resolve(name + ".png");
      Files.write(f, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  /** A screenshot of the window's top at the given size (the page as a visitor first sees it). */
  Path viewportScreenshot(String name, int width, int height) {
    Dimension before = driver.manage().window().getSize();
    driver.manage().window().setSize(new Dimension(width, height));
    driver.executeScript("window.scrollTo(0, 0)");
    try {
      Path f = screenshots.resolve(name + ".png");
      Files.write(f, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      return f;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(before);
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
