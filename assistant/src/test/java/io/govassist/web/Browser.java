package io.govassist.web;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * A real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}; paths overridable with
 * {@code -Dgovassist.chromium=…} / {@code -Dgovassist.chromedriver=…}) with a fresh profile, driven by Selenium.
 * Nothing is downloaded. Screenshots go to {@code -Dgovassist.screenshots=DIR} (default target/screenshots).
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = System.getProperty("govassist.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("govassist.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    public static Browser start(int width, int height) {
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Chromium is needed for the browser tests: " + CHROMIUM + " and "
                    + CHROMEDRIVER + " (Debian: apt-get install chromium chromium-driver; scripts/test installs them)");
        }
        try {
            Path profile = Files.createTempDirectory("govassist-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--lang=zh-CN", "--force-device-scale-factor=1",
                    "--window-size=" + width + "," + height, "--user-data-dir=" + profile);
            options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(width, height));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Browser(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void open(String url) {
        driver.get(url);
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public <T> T await(Duration timeout, Function<ChromeDriver, T> condition) {
        // Re-rendered parts of a page go stale between polls; the condition looks them up again.
        return new WebDriverWait(driver, timeout, Duration.ofMillis(100)).ignoring(StaleElementReferenceException.class)
                .until(d -> condition.apply(driver));
    }

    public <T> T await(Function<ChromeDriver, T> condition) {
        return await(Duration.ofSeconds(30), condition);
    }

    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** The shadow root of the chat widget, once it is attached to the page. */
    public SearchContext widget() {
        return await(d -> {
            List<WebElement> hosts = d.findElements(By.cssSelector("govassist-widget"));
            return hosts.isEmpty() ? null : hosts.get(0).getShadowRoot();
        });
    }

    /** Whether a JavaScript dialog (alert/confirm/prompt) is open right now. */
    public boolean alertOpen() {
        try {
            driver.switchTo().alert();
            return true;
        } catch (NoAlertPresentException e) {
            return false;
        }
    }

    /** Browser console messages since the last call (CSP violations show up here). */
    public List<String> consoleMessages() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
    }

    /** Saves a PNG screenshot named {@code name.png} in the screenshot directory and returns its path. */
    public Path screenshot(String name) {
        Path dir = Path.of(System.getProperty("govassist.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
