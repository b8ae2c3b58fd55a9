package dev.glassbox.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.server.LocalServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The page in real headless Chromium against the real server, reached through a TCP proxy so the
 * test can cut the network. Screenshots land in target/screenshots on every run.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PageInChromiumTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String LONG_QUESTION = "How does an answer travel through the answer pipeline?";
    private static final String HOSTILE = """
            # Hostile content
            ## Hostile markup test
            The hostile markup test sentence carries <img src=x onerror="window.__pwned='img'"> inside it.
            The hostile markup test also hides <script>window.__pwned='script'</script> in its text.
            The hostile markup test link [click me](javascript:window.__pwned='link') must never run.
            """;

    private static Path knowledge;
    private static LocalServer server;
    private static TcpProxy proxy;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        knowledge = LocalServer.knowledgeWith("hostile.md", HOSTILE);
        server = LocalServer.start(knowledge, Map.of("GLASSBOX_LOCAL_PACE_MS", "15",
                "GLASSBOX_ASK_BURST", "50", "GLASSBOX_ASKS_PER_MINUTE", "600"));
        proxy = TcpProxy.start(server.vertx, server.port());
        Files.createDirectories(SCREENSHOTS);

        browser = HeadlessChromium.open();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (proxy != null) {
            proxy.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void openThePage() {
        browser.manage().window().setSize(new Dimension(1280, 900));
        HeadlessChromium.openInNewTab(browser, "http://localhost:" + proxy.port() + "/");
        waitUntil(() -> status().contains("Connected"), "the page connects");
    }

    @Test
    @Order(1)
    void theAnswerGrowsInStepsWithALiveTraceCitationsAndStats() throws Exception {
        ask("How much does Glassbox cost to run per month?");
        List<Integer> lengths = new ArrayList<>();
        WebElement answer = browser.findElement(By.cssSelector("[data-role=answer]"));
        while (!"done".equals(card().getAttribute("data-status"))) {
            int length = answer.getText().length();
            if (lengths.isEmpty() || lengths.get(lengths.size() - 1) != length) {
                lengths.add(length);
            }
            Thread.sleep(15);
        }
        assertThat(lengths).as("visible lengths while streaming").hasSizeGreaterThanOrEqualTo(3).isSorted();
        assertThat(answer.getText()).containsIgnoringCase("cost");

        WebElement retrieval = browser.findElement(By.cssSelector("[data-role=trace-step][data-kind=retrieval]"));
        assertThat(retrieval.getText()).contains("costs.md");
        assertThat(browser.findElements(By.cssSelector("[data-role=trace-step][data-kind=selection]"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("[data-role=trace-step][data-kind=model]"))).hasSize(1);
        assertThat(browser.findElement(By.cssSelector("[data-role=stats]")).getText())
                .contains("first token").contains("total").contains("words").contains("$0 · local");

        WebElement citation = answer.findElement(By.cssSelector("a[data-role=source-link][data-cite]"));
        new org.openqa.selenium.interactions.Actions(browser).moveToElement(citation).perform();
        WebElement highlighted = browser.findElement(By.cssSelector(".ref.highlight"));
        assertThat(highlighted.getText()).as("pointing at [n] shows its passage")
                .contains("[" + citation.getAttribute("data-cite") + "]");
        screenshot("desktop");
    }

    @Test
    @Order(2)
    void stopHaltsTheAnswerAtOnce() throws Exception {
        ask(LONG_QUESTION);
        WebElement answer = browser.findElement(By.cssSelector("[data-role=answer]"));
        waitUntil(() -> answer.getText().length() > 20, "some text");
        browser.findElement(By.cssSelector("[data-role=stop]")).click();
        int stoppedAt = answer.getText().length();
        Thread.sleep(600);
        assertThat(answer.getText().length()).isEqualTo(stoppedAt);
        assertThat(card().getAttribute("data-status")).isEqualTo("stopped");
        assertThat(browser.findElement(By.cssSelector("[data-role=stats]")).getText()).contains("Stopped");
    }

    @Test
    @Order(3)
    void escapeStopsToo() {
        ask(LONG_QUESTION);
        WebElement answer = browser.findElement(By.cssSelector("[data-role=answer]"));
        waitUntil(() -> answer.getText().length() > 20, "some text");
        browser.findElement(By.cssSelector("[data-role=question]")).sendKeys(Keys.ESCAPE);
        waitUntil(() -> "stopped".equals(card().getAttribute("data-status")), "stopped by Esc");
    }

    @Test
    @Order(4)
    void hostileKnowledgeIsShownAsTextAndNeverRuns() {
        ask("What does the hostile markup test contain?");
        waitUntil(() -> "done".equals(card().getAttribute("data-status")), "the answer");
        WebElement answer = browser.findElement(By.cssSelector("[data-role=answer]"));
        assertThat(answer.getText()).contains("hostile markup test").contains("onerror");
        assertThat(answer.findElements(By.cssSelector("img, script, [onerror]"))).isEmpty();
        for (WebElement link : answer.findElements(By.tagName("a"))) {
            String href = String.valueOf(link.getAttribute("href"));
            assertThat(href).doesNotStartWithIgnoringCase("javascript");
            if (link.getText().contains("click me")) {
                link.click();
            }
        }
        assertThat(((JavascriptExecutor) browser).executeScript("return window.__pwned === undefined")).isEqualTo(true);
    }

    @Test
    @Order(5)
    void aDroppedConnectionResumesWithoutDuplicatedText() throws Exception {
        String expected = server.answerText(LONG_QUESTION);
        ask(LONG_QUESTION);
        WebElement answer = browser.findElement(By.cssSelector("[data-role=answer]"));
        waitUntil(() -> answer.getText().length() > 30, "some text");
        proxy.dropAll();
        waitUntil(() -> status().contains("reconnecting"), "the page to notice the drop");
        waitUntil(() -> "done".equals(card().getAttribute("data-status")), "the resumed answer");
        assertThat(normalized(answer.getText())).isEqualTo(normalized(expected));
    }

    @Test
    @Order(6)
    void atPhoneWidthNothingScrollsSidewaysAndTheTraceIsADrawer() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        ask("How much does Glassbox cost to run per month?");
        waitUntil(() -> "done".equals(card().getAttribute("data-status")), "the answer");
        JavascriptExecutor js = browser;
        assertThat(js.executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
        WebElement trace = browser.findElement(By.cssSelector("[data-role=trace]"));
        assertThat(trace.isDisplayed()).as("the drawer starts closed").isFalse();
        browser.findElement(By.id("trace-toggle")).click();
        waitUntil(trace::isDisplayed, "the drawer opens");
        Thread.sleep(300);
        screenshot("phone");
        assertThat(js.executeScript("return document.documentElement.scrollWidth <= window.innerWidth")).isEqualTo(true);
    }

    @Test
    @Order(7)
    void theConsoleStaysFreeOfErrors() {
        ask("Which embedding model is used?");
        waitUntil(() -> "done".equals(card().getAttribute("data-status")), "the answer");
        List<LogEntry> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                // the drop test cuts a socket on purpose; Chromium reports that as an error
                .filter(entry -> !entry.getMessage().contains("WebSocket"))
                .toList();
        assertThat(errors).isEmpty();
    }

    private static void ask(String question) {
        HeadlessChromium.ask(browser, question);
    }

    private static WebElement card() {
        List<WebElement> cards = browser.findElements(By.cssSelector(".card"));
        return cards.get(cards.size() - 1);
    }

    private static String status() {
        return browser.findElement(By.cssSelector("[data-role=status]")).getText();
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        HeadlessChromium.waitUntil(browser, condition, what);
    }

    private static void screenshot(String name) throws IOException {
        Path file = SCREENSHOTS.resolve(name + ".png");
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
    }
}
