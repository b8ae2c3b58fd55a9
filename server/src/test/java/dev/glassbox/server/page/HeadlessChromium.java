package dev.glassbox.server.page;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's Chromium driven headless, and the page's few gestures the browser tests share. */
final class HeadlessChromium {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path AXE = Path.of("..", "test-tools", "node_modules", "axe-core", "axe.min.js");

    private HeadlessChromium() {
    }

    /** A fresh browser with its console log kept; outside CI the test is skipped when Chromium is missing. */
    static ChromeDriver open() throws IOException {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        Assumptions.assumeTrue(installed || System.getenv("CI") != null,
                "Debian's chromium and chromium-driver are not installed; .ci/run installs them");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + Files.createTempDirectory("glassbox-chromium"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    /**
     * Opens {@code url} in a new tab and closes the others: a new visitor, whose tab has no kept
     * conversation (sessionStorage belongs to a tab, and the page saves it again when it is left).
     */
    static void openInNewTab(WebDriver browser, String url) {
        String old = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        String fresh = browser.getWindowHandle();
        browser.switchTo().window(old).close();
        browser.switchTo().window(fresh);
        browser.get(url);
    }

    /** Types {@code question} into the page, sends it with Enter and waits for its card. */
    static void ask(WebDriver browser, String question) {
        WebElement input = browser.findElement(By.cssSelector("[data-role=question]"));
        input.clear();
        input.sendKeys(question);
        input.sendKeys(Keys.ENTER);
        waitUntil(browser, () -> !browser.findElements(By.cssSelector(".card")).isEmpty(), "the question on the page");
    }

    /**
     * The serious and critical accessibility violations axe-core (npm, in test-tools) finds on the
     * page as it is now, each as "rule: what failed, at which elements". Outside CI the check is skipped
     * when test-tools has not been installed, as the other npm-served test tools are.
     */
    @SuppressWarnings("unchecked")
    static List<String> seriousAccessibilityViolations(ChromeDriver browser) throws IOException {
        Assumptions.assumeTrue(Files.isReadable(AXE) || System.getenv("CI") != null,
                "axe-core is not installed: run (cd test-tools && npm ci) first");
        if ("undefined".equals(browser.executeScript("return typeof window.axe"))) {
            browser.executeScript(Files.readString(AXE));
        }
        return (List<String>) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { resultTypes: ['violations'] })
                  .then((r) => done(r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
                    .map((v) => v.id + ': ' + v.help + ' at ' + v.nodes.map((n) => n.target.join(' ')).join(', '))))
                  .catch((e) => done(['axe failed: ' + e]));
                """);
    }

    /** Light or dark, as the visitor's system would ask for it. */
    static void colorScheme(ChromeDriver browser, String scheme) {
        browser.executeCdpCommand("Emulation.setEmulatedMedia",
                Map.of("features", List.of(Map.of("name", "prefers-color-scheme", "value", scheme))));
    }

    static void waitUntil(WebDriver browser, BooleanSupplier condition, String what) {
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage("waiting for " + what)
                .until(driver -> condition.getAsBoolean());
    }
}
