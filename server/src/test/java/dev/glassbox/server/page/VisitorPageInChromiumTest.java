package dev.glassbox.server.page;

import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.feedback.FeedbackEntry;
import dev.glassbox.server.LocalServer;
import dev.glassbox.server.feedback.FeedbackReportCommand;
import dev.glassbox.server.feedback.JsonLinesFeedbackStore;
import dev.glassbox.server.openai.FakeModelServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * The page as a first-time visitor uses it (issue #14), in real headless Chromium against the real
 * server: the first screen, a conversation that survives a reload, Retry, readable stats, sources
 * that open, feedback that reaches the report, the ordered trace, export and accessibility.
 * Screenshots at 1280×800 and 390×844, light and dark, land in target/screenshots.
 */
class VisitorPageInChromiumTest {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Path CACHE = Path.of("target", "embedding-cache").toAbsolutePath();
    private static final String COST = "How much does Glassbox cost to run per month?";
    private static final String LONG_QUESTION = "How does an answer travel through the answer pipeline?";
    private static final String POISON = """
            # Poison
            ## Poisoned passage
            The poisoned passage test hides <script>window.__pwned='script'</script> in its text.
            The poisoned passage test carries <img src=x onerror="window.__pwned='img'"> too.
            The poisoned passage test link [click me](javascript:window.__pwned='link') must never run.
            """;

    private static LocalServer server;
    private static ChromeDriver browser;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path knowledge = LocalServer.knowledgeWith("poison.md", POISON);
        server = LocalServer.start(knowledge, Map.of("GLASSBOX_LOCAL_PACE_MS", "15", "GLASSBOX_ASK_BURST", "50",
                "GLASSBOX_ASKS_PER_MINUTE", "600", "GLASSBOX_PAGE_REPOSITORY_URL", "https://example.org/glassbox"));
        base = "http://localhost:" + server.port();
        Files.createDirectories(SCREENSHOTS);
        browser = HeadlessChromium.open();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void anEmptyConversation() {
        HeadlessChromium.colorScheme(browser, "light");
        browser.manage().window().setSize(new Dimension(1280, 800));
        openFresh(base);
    }

    @Test
    void theFirstScreenInvitesAndAnExampleAsksItself() throws Exception {
        assertThat(browser.findElement(By.cssSelector("[data-role=welcome]")).isDisplayed()).isTrue();
        List<WebElement> examples = browser.findElements(By.cssSelector("[data-role=example]"));
        assertThat(examples).hasSizeBetween(4, 6);
        assertThat(browser.findElement(By.cssSelector("[data-role=repository]")).getAttribute("href"))
                .isEqualTo("https://example.org/glassbox");
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("the empty page").isEmpty();
        screenshot("first-screen-1280-light");

        String question = examples.get(0).getText();
        examples.get(0).click();
        waitForDone();
        assertThat(card().findElement(By.cssSelector(".question")).getText()).isEqualTo(question);
        assertThat(card().findElement(By.cssSelector("[data-role=answer]")).getText()).isNotBlank();
        assertThat(browser.findElement(By.cssSelector("[data-role=welcome]")).isDisplayed()).isFalse();
        assertThat(stats()).contains("$0 · local").contains("words").doesNotContain("$0.0");
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("after an answer").isEmpty();
        screenshot("answer-1280-light");
        HeadlessChromium.colorScheme(browser, "dark");
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("after an answer, dark").isEmpty();
        screenshot("answer-1280-dark");
    }

    @Test
    void aReloadRestoresTheConversationAndResumesTheRunningAnswer() throws Exception {
        String expected = server.answerText(LONG_QUESTION);
        ask(COST);
        waitForDone();
        String firstAnswer = card().findElement(By.cssSelector("[data-role=answer]")).getText();
        ask(LONG_QUESTION);
        waitUntil(() -> answerText(card()).length() > 30, "the second answer to be under way");
        String sessionBefore = sessionId();

        browser.navigate().refresh();
        waitUntil(() -> browser.findElements(By.cssSelector(".card")).size() == 2, "the restored conversation");
        assertThat(answerText(cards().get(0))).isEqualTo(firstAnswer);
        assertThat(cards().get(0).getAttribute("data-status")).isEqualTo("done");
        assertThat(browser.findElements(By.cssSelector("[data-role=trace-step]"))).isNotEmpty();
        waitForDone();
        assertThat(normalized(answerText(card()))).as("resumed, nothing lost or repeated").isEqualTo(normalized(expected));
        assertThat(sessionId()).isEqualTo(sessionBefore);

        browser.findElement(By.id("new-chat")).click();
        assertThat(cards()).isEmpty();
        assertThat(browser.findElement(By.cssSelector("[data-role=welcome]")).isDisplayed()).isTrue();
        assertThat(sessionId()).as("a fresh session").isNotEqualTo(sessionBefore);
        browser.navigate().refresh();
        waitUntil(() -> status().contains("Connected"), "the page connects");
        assertThat(cards()).as("the new chat stays empty after a reload").isEmpty();
    }

    @Test
    void anUpstreamErrorOffersRetryAndTheQuestionBoxKeepsARefusedQuestion() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (FakeModelServer model = new FakeModelServer(vertx);
             TcpProxy upstream = TcpProxy.start(vertx, URI.create(model.baseUrl()).getPort());
             LocalServer openAi = LocalServer.start(LocalServer.KNOWLEDGE, Map.of("GLASSBOX_BACKEND", "openai",
                     "GLASSBOX_OPENAI_BASE_URL", "http://localhost:" + upstream.port() + "/v1",
                     "GLASSBOX_OPENAI_MODEL", "fake-model", "GLASSBOX_ASK_BURST", "2",
                     "GLASSBOX_ASKS_PER_MINUTE", "1"))) {
            openFresh("http://localhost:" + openAi.port());
            upstream.refuse(true);
            ask(COST);
            waitUntil(() -> "error".equals(card().getAttribute("data-status")), "the upstream error");
            assertThat(stats()).contains("upstream_error");
            WebElement retry = card().findElement(By.cssSelector("[data-role=retry]"));
            assertThat(retry.isDisplayed()).isTrue();

            upstream.refuse(false);
            retry.click();
            waitForDone();
            assertThat(cards()).as("the failed attempt is replaced").hasSize(1);
            assertThat(answerText(card())).contains("Locally it costs nothing");
            assertThat(stats()).as("an unpriced model").contains("cost unknown").contains("tokens");
            assertThat(card().findElements(By.cssSelector("[data-role=retry]")).get(0).isDisplayed()).isFalse();

            // The ask rate is spent: the server refuses the next question, and the visitor keeps it.
            WebElement input = browser.findElement(By.cssSelector("[data-role=question]"));
            input.sendKeys("A question the server refuses", Keys.ENTER);
            waitUntil(() -> "error".equals(card().getAttribute("data-status")), "the refusal");
            assertThat(stats()).contains("rate_limited");
            assertThat(input.getAttribute("value")).isEqualTo("A question the server refuses");
        } finally {
            LocalServer.await(vertx.close(), Duration.ofSeconds(10));
        }
    }

    @Test
    void sourcesOpenTheRenderedFileAtTheirHeadingAndPoisonNeverRuns() throws Exception {
        ask(COST);
        waitForDone();
        WebElement inAnswer = card().findElement(By.cssSelector("[data-role=answer] a[data-role=source-link]"));
        assertThat(inAnswer.getAttribute("href")).matches(base + "/knowledge/[a-z-]+\\.md#[a-z0-9-]+");
        List<WebElement> inTrace = browser.findElements(By.cssSelector(".ref a[data-role=source-link]"));
        assertThat(inTrace).isNotEmpty();
        String href = inTrace.get(0).getAttribute("href");
        assertThat(href).matches(base + "/knowledge/[a-z-]+\\.md#[a-z0-9-]+");

        browser.get(href);
        String anchor = href.substring(href.indexOf('#') + 1);
        waitUntil(() -> !browser.findElements(By.id(anchor)).isEmpty(), "the cited heading");
        WebElement heading = browser.findElement(By.id(anchor));
        assertThat(heading.getTagName()).matches("h[1-6]");
        assertThat(heading.getAttribute("class")).contains("target");
        assertThat(browser.getTitle()).contains(".md");

        browser.get(base + "/knowledge/poison.md");
        waitUntil(() -> browser.findElement(By.cssSelector("[data-role=knowledge]")).getText().contains("poisoned"),
                "the poisoned file");
        WebElement article = browser.findElement(By.cssSelector("[data-role=knowledge]"));
        assertThat(article.getText()).contains("<script>").contains("onerror");
        assertThat(article.findElements(By.cssSelector("script, img, [onerror]"))).isEmpty();
        for (WebElement link : article.findElements(By.tagName("a"))) {
            assertThat(String.valueOf(link.getAttribute("href"))).doesNotStartWithIgnoringCase("javascript");
            link.click();
        }
        assertThat(browser.executeScript("return window.__pwned === undefined")).isEqualTo(true);
    }

    @Test
    void feedbackReachesTheStoreAndTheReport() throws Exception {
        ask(COST);
        waitForDone();
        WebElement down = card().findElement(By.cssSelector("[data-role=feedback-down]"));
        WebElement up = card().findElement(By.cssSelector("[data-role=feedback-up]"));
        down.click();
        waitUntil(() -> feedbackStatus().contains("Thanks"), "the verdict recorded");
        assertThat(down.getAttribute("aria-pressed")).isEqualTo("true");
        assertThat(up.getAttribute("aria-pressed")).isEqualTo("false");
        String comment = "The monthly figure is missing " + System.nanoTime();
        WebElement box = card().findElement(By.cssSelector("[data-role=feedback-comment]"));
        box.sendKeys(comment);
        card().findElement(By.cssSelector("[data-role=feedback-send]")).click();
        waitUntil(() -> feedbackStatus().contains("comment sent"), "the comment recorded");

        String session = sessionId();
        List<FeedbackEntry> mine = new JsonLinesFeedbackStore(CACHE, Long.MAX_VALUE).entries().stream()
                .filter(e -> e.sessionId().equals(session)).toList();
        assertThat(mine).as("one entry per answer, the latest").hasSize(1);
        assertThat(mine.get(0).verdict()).isEqualTo("down");
        assertThat(mine.get(0).comment()).isEqualTo(comment);
        assertThat(mine.get(0).question()).isEqualTo(COST);
        assertThat(mine.get(0).answer()).isEqualTo(server.answerText(COST));
        assertThat(mine.get(0).sources()).contains("costs.md");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FeedbackReportCommand.run(Map.of("GLASSBOX_CACHE_DIR", CACHE.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Answers marked down").contains(COST)
                .contains("comment: " + comment);
        assertThat(metrics()).contains("glassbox_feedback_total{verdict=\"down\"}");

        browser.navigate().refresh();
        waitUntil(() -> !cards().isEmpty(), "the restored answer");
        assertThat(card().findElement(By.cssSelector("[data-role=feedback-down]")).getAttribute("aria-pressed"))
                .as("the verdict is part of the kept conversation").isEqualTo("true");
    }

    @Test
    void theTraceIsInStartOrderWithAlignedTimesAndLongExcerptsCollapsed() throws Exception {
        ask(COST);
        waitForDone();
        // The steps as they arrived, kept by the page; the panel shows them by start offset.
        JsonObject kept = new JsonObject((String) browser.executeScript(
                "return sessionStorage.getItem('glassbox.transcript')"));
        List<JsonObject> arrived = kept.getJsonArray("answers").getJsonObject(0).getJsonArray("steps").stream()
                .map(JsonObject.class::cast).toList();
        List<String> byStart = arrived.stream().sorted(Comparator.comparingLong(s -> s.getLong("t")))
                .map(s -> s.getString("kind")).toList();
        List<WebElement> shown = browser.findElements(By.cssSelector("[data-role=trace-step]"));
        assertThat(shown.stream().map(s -> s.getAttribute("data-kind")).toList()).isEqualTo(byStart);
        List<Long> offsets = shown.stream()
                .map(s -> Long.parseLong(s.findElement(By.cssSelector(".offset")).getText().replaceAll("[^0-9]", "")))
                .toList();
        assertThat(offsets).isSorted();
        List<Integer> columns = shown.stream().map(s -> s.findElement(By.cssSelector(".timing")).getRect().getX())
                .distinct().toList();
        assertThat(columns).as("times in one column").hasSize(1);

        WebElement excerpt = browser.findElements(By.cssSelector(".excerpt")).stream()
                .filter(e -> !e.findElements(By.cssSelector(".more")).isEmpty()).findFirst().orElseThrow();
        int collapsed = excerpt.getText().length();
        WebElement more = excerpt.findElement(By.cssSelector(".more"));
        assertThat(more.getText()).isEqualTo("show more");
        more.click();
        assertThat(more.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(excerpt.getText().length()).isGreaterThan(collapsed);
    }

    @Test
    void slashFocusesTheQuestionAndEscapeStops() {
        browser.executeScript("document.querySelector('[data-role=example]').focus()");
        new Actions(browser).sendKeys("/").perform();
        assertThat(browser.switchTo().activeElement().getAttribute("data-role")).isEqualTo("question");
        assertThat(browser.findElement(By.cssSelector("[data-role=question]")).getAttribute("value"))
                .as("the slash is not typed").isEmpty();

        ask(LONG_QUESTION);
        waitUntil(() -> answerText(card()).length() > 20, "some text");
        browser.executeScript("document.querySelector('[data-role=example]')?.focus() ?? document.activeElement.blur()");
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        waitUntil(() -> "stopped".equals(card().getAttribute("data-status")), "stopped by Esc");
    }

    @Test
    void theAnswerAndTheConversationExportAsMarkdownAndJson() throws Exception {
        ask(COST);
        waitForDone();
        // Downloads are caught as the blobs the page creates.
        browser.executeScript("""
                window.__blobs = [];
                const create = URL.createObjectURL;
                URL.createObjectURL = (blob) => { window.__blobs.push(blob); return create(blob); };
                """);
        browser.findElement(By.cssSelector("[data-action=export-md]")).click();
        browser.findElement(By.cssSelector("[data-action=export-json]")).click();
        String markdown = blobText(0);
        assertThat(markdown).startsWith("# Glassbox conversation").contains("## " + COST).contains("Sources:")
                .containsPattern("\\[costs\\.md — [^\\]]+\\]\\(" + base + "/knowledge/costs\\.md#[a-z0-9-]+\\)");
        JsonObject json = new JsonObject(blobText(1));
        assertThat(json.fieldNames()).as("the session id is the conversation's secret").doesNotContain("sessionId");
        assertThat(blobText(1)).doesNotContain(sessionId());
        assertThat(json.getJsonArray("answers").getJsonObject(0).getString("question")).isEqualTo(COST);
        assertThat(json.getJsonArray("answers").getJsonObject(0).getJsonArray("trace")).isNotEmpty();
    }

    @Test
    void onAPhoneTheDrawerKeepsItsPlaceAndStaysAccessibleInBothSchemes() throws Exception {
        browser.manage().window().setSize(new Dimension(390, 844));
        screenshot("first-screen-390-light");
        ask(COST);
        waitForDone();
        ask(LONG_QUESTION);
        waitForDone();
        browser.findElement(By.id("trace-toggle")).click();
        WebElement trace = browser.findElement(By.cssSelector("[data-role=trace]"));
        waitUntil(trace::isDisplayed, "the drawer opens");
        for (WebElement details : browser.findElements(By.cssSelector(".trace details:not([open]) summary"))) {
            details.click();
        }
        screenshot("drawer-390-light");
        browser.executeScript("arguments[0].scrollTop = 400", trace);
        Thread.sleep(300);
        long scrolled = ((Number) browser.executeScript("return arguments[0].scrollTop", trace)).longValue();
        assertThat(scrolled).as("the drawer scrolls: " + browser.executeScript(
                "return arguments[0].scrollHeight + ' in ' + arguments[0].clientHeight", trace)).isPositive();
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("drawer open, light").isEmpty();
        HeadlessChromium.colorScheme(browser, "dark");
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("drawer open, dark").isEmpty();
        screenshot("drawer-390-dark");

        browser.findElement(By.id("trace-close")).click();
        waitUntil(() -> !trace.isDisplayed(), "the drawer closes");
        screenshot("answer-390-dark");
        browser.findElement(By.id("trace-toggle")).click();
        waitUntil(trace::isDisplayed, "the drawer opens again");
        assertThat(((Number) browser.executeScript("return arguments[0].scrollTop", trace)).longValue())
                .as("where the visitor left it").isEqualTo(scrolled);
        assertThat(browser.executeScript("return document.documentElement.scrollWidth <= window.innerWidth"))
                .isEqualTo(true);
    }

    @Test
    void theLocalAgentsStepsShowHowItReadChoseComposedAndDeclined() throws Exception {
        ask("What does an answer cost with Amazon Nova Lite?");
        waitForDone();
        ask("And with Claude Sonnet 4?");
        waitForDone();
        JsonObject read = keptStep("understanding");
        assertThat(read.getBoolean("followUp")).as("the agent took it as a follow-up").isTrue();
        WebElement understanding = step("understanding");
        assertThat(understanding.findElement(By.cssSelector("[data-role=standalone-query]")).getText())
                .isEqualTo("Searched for: " + read.getString("standaloneQuery"));
        assertThat(understanding.findElement(By.cssSelector("[data-role=follow-up]")).getText())
                .endsWith("you asked: And with Claude Sonnet 4?");
        assertThat(understanding.findElements(By.cssSelector("[data-role=terms] li")).stream().map(WebElement::getText)
                .toList()).as("the visitor's words, not the stems").isEqualTo(read.getJsonArray("keyWords").stream()
                .map(String::valueOf).toList());

        WebElement retrieval = step("retrieval");
        retrieval.findElement(By.cssSelector("[data-role=rankings] summary")).click();
        List<WebElement> fused = retrieval.findElements(By.cssSelector("[data-role=fused-rank]"));
        assertThat(fused).hasSize(keptStep("retrieval").getJsonArray("fused").size()).isNotEmpty();
        assertThat(fused.get(0).getText()).containsPattern("\\[1\\][\\s\\S]+\\.md[\\s\\S]+meaning #\\d+ · fused 0\\.");
        assertThat(retrieval.findElements(By.cssSelector("[data-role=followed-on] li")))
                .as("the previous answer's passages the follow-up was ranked with")
                .hasSize(keptStep("retrieval").getJsonArray("meaningAlsoOf").size()).isNotEmpty();
        assertThat(retrieval.findElements(By.cssSelector("dl.fields"))).as("the rankings read, not raw").isEmpty();

        WebElement selection = step("selection");
        List<WebElement> judged = selection.findElements(By.cssSelector("[data-role=passage-verdict]"));
        assertThat(judged).hasSize(keptStep("selection").getJsonArray("passages").size());
        assertThat(judged).anyMatch(p -> "true".equals(p.getAttribute("data-quoted")));
        assertThat(judged.get(0).getText()).containsPattern("\\[\\d+\\]\\s+\\S+\\.md").contains("similarity 0.")
                .contains("quoted");
        List<WebElement> chosen = selection.findElements(By.cssSelector("[data-role=chosen-sentence]"));
        assertThat(chosen).hasSize(keptStep("selection").getJsonArray("chosen").size()).isNotEmpty();
        assertThat(chosen.get(0).getText()).as("the sentence, its passage and why").matches("(?s)\\[\\d+\\]\\s+.+\\n.+score \\d+\\.\\d\\d");
        assertThat(step("composition").findElement(By.cssSelector("[data-role=composition-summary]")).getText())
                .matches("\\d+ sentences? · \\d+ words? · \\d+ citations? from \\d+ passages?");
        assertThat(step("model").findElement(By.cssSelector("[data-role=model-usage]")).getText())
                .as("the local agent counts words").matches("extractive-composer: \\d+ words in, \\d+ out");

        browser.executeScript("arguments[0].scrollIntoView()", selection);
        screenshot("agent-selection-1280-light");

        ask("Does Glassbox support Google Gemini?");
        waitForDone();
        JsonObject declined = keptStep("decline");
        WebElement decline = step("decline");
        assertThat(decline.findElement(By.cssSelector("[data-role=decline-reason]")).getText())
                .isEqualTo("Why: " + declined.getString("reason"));
        if (!declined.getJsonArray("unknownNames", new io.vertx.core.json.JsonArray()).isEmpty()) {
            assertThat(decline.findElement(By.cssSelector("[data-role=unknown-names]")).getText())
                    .contains(declined.getJsonArray("unknownNames").getString(0));
        }
        for (String kind : List.of("understanding", "decline")) {
            assertThat(step(kind).findElements(By.cssSelector("dl.fields"))).as("%s: every field read, none raw", kind)
                    .isEmpty();
        }
        assertThat(browser.findElements(By.cssSelector("[data-role=trace-step][data-kind=selection] dl.fields, "
                + "[data-role=trace-step][data-kind=composition] dl.fields"))).isEmpty();
        assertThat(HeadlessChromium.seriousAccessibilityViolations(browser)).as("with the agent's steps").isEmpty();
        screenshot("agent-steps-1280-light");
    }

    @Test
    void aFollowUpAfterAReloadIsUnderstoodAndEveryStepOfItsTraceReads() throws Exception {
        ask("How many questions may a connection send?");
        waitForDone();
        browser.navigate().refresh();
        waitUntil(() -> cards().size() == 1 && status().contains("Connected"), "the restored conversation");
        ask("Why?");
        waitForDone();

        JsonObject read = keptStep("understanding");
        assertThat(read.getBoolean("followUp")).as("the reloaded page kept the conversation").isTrue();
        assertThat(read.getString("standaloneQuery")).contains("How many questions may a connection send?");
        assertThat(read.getBoolean("asksForAmount")).as("a why-question asks for no number").isFalse();
        WebElement understanding = step("understanding");
        assertThat(understanding.findElement(By.cssSelector("[data-role=standalone-query]")).getText())
                .isEqualTo("Searched for: " + read.getString("standaloneQuery"));
        assertThat(understanding.findElement(By.cssSelector("[data-role=follow-up]")).getText())
                .endsWith("you asked: Why?");
        assertThat(understanding.findElements(By.cssSelector("[data-role=asks-for]"))).isEmpty();
        List<String> kinds = browser.findElements(By.cssSelector(".trace-answer[data-answer-id='"
                + card().getAttribute("data-answer-id") + "'] [data-role=trace-step]")).stream()
                .map(s -> s.getAttribute("data-kind")).toList();
        assertThat(kinds).contains("understanding", "retrieval", "selection", "composition", "model");
        browser.executeScript("arguments[0].scrollIntoView()", understanding);
        screenshot("follow-up-after-reload-1280-light");

        ask("Hello!");
        waitForDone();
        assertThat(step("understanding").findElement(By.cssSelector("[data-role=intent]")).getText())
                .isEqualTo("Read as a greeting: answered without a search");
        assertThat(step("composition").getText()).contains("small talk is answered without a search");
        ask("Does Glassbox support Google Gemini?");
        waitForDone();
        assertThat(step("decline").findElement(By.cssSelector("[data-role=decline-reason]")).getText())
                .startsWith("Why: ");
        for (WebElement shown : browser.findElements(By.cssSelector("[data-role=trace-step]"))) {
            String kind = shown.getAttribute("data-kind");
            if (!kind.equals("retrieval") && !kind.equals("model")) {
                assertThat(shown.findElements(By.cssSelector("dl.fields"))).as("%s: every field read for what it says",
                        kind).isEmpty();
            }
            for (WebElement field : shown.findElements(By.cssSelector("dl.fields dd"))) {
                assertThat(field.getText()).as("%s: a field as text, not JSON", kind).doesNotContainPattern("^[\\[{]");
            }
        }
    }

    /** The trace step of {@code kind} of the latest answer, as the panel shows it. */
    private static WebElement step(String kind) {
        return browser.findElement(By.cssSelector(".trace-answer[data-answer-id='" + card().getAttribute("data-answer-id")
                + "'] [data-role=trace-step][data-kind=" + kind + "]"));
    }

    /** The trace step of {@code kind} of the latest answer, as the page kept it from the server. */
    private static JsonObject keptStep(String kind) {
        JsonObject kept = new JsonObject((String) browser.executeScript(
                "return sessionStorage.getItem('glassbox.transcript')"));
        var answers = kept.getJsonArray("answers");
        return answers.getJsonObject(answers.size() - 1).getJsonArray("steps").stream().map(JsonObject.class::cast)
                .filter(s -> kind.equals(s.getString("kind"))).findFirst().orElseThrow();
    }

    private static void openFresh(String url) {
        HeadlessChromium.openInNewTab(browser, url + "/");
        waitUntil(() -> status().contains("Connected"), "the page connects");
    }

    private static void ask(String question) {
        int before = cards().size();
        WebElement input = browser.findElement(By.cssSelector("[data-role=question]"));
        input.clear();
        input.sendKeys(question, Keys.ENTER);
        waitUntil(() -> cards().size() > before, "the question on the page");
    }

    private static void waitForDone() {
        waitUntil(() -> "done".equals(card().getAttribute("data-status")), "the answer");
    }

    private static List<WebElement> cards() {
        return browser.findElements(By.cssSelector(".card"));
    }

    private static WebElement card() {
        List<WebElement> cards = cards();
        return cards.get(cards.size() - 1);
    }

    private static String answerText(WebElement card) {
        return card.findElement(By.cssSelector("[data-role=answer]")).getText();
    }

    private static String stats() {
        return card().findElement(By.cssSelector("[data-role=stats]")).getText();
    }

    private static String feedbackStatus() {
        return card().findElement(By.cssSelector("[data-role=feedback-status]")).getText();
    }

    private static String status() {
        return browser.findElement(By.cssSelector("[data-role=status]")).getText();
    }

    private static String sessionId() {
        String kept = (String) browser.executeScript("return sessionStorage.getItem('glassbox.transcript')");
        return kept == null ? null : new JsonObject(kept).getString("sessionId");
    }

    private static String blobText(int index) {
        return (String) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; window.__blobs[arguments[0]].text().then(done);", index);
    }

    private static String metrics() throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        return http.send(java.net.http.HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String normalized(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) {
        HeadlessChromium.waitUntil(browser, condition, what);
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}
