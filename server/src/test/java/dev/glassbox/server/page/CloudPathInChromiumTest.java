package dev.glassbox.server.page;

import static dev.glassbox.core.testing.ProtocolClient.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.glassbox.core.bedrock.fake.FakeBedrock;
import dev.glassbox.lambda.local.LocalGateway;
import dev.glassbox.server.LocalServer;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The whole cloud path on a laptop, as a developer uses it: the page from the local server, pointed
 * with GLASSBOX_PAGE_WEBSOCKET_URL at the local API Gateway, whose Lambda handlers answer from the
 * fake Bedrock; a reload in the middle of an answer resumes it on the new connection.
 */
class CloudPathInChromiumTest {

    @Test
    void thePageAnswersThroughTheLambdaHandlers() throws Exception {
        ChromeDriver browser = HeadlessChromium.open();
        Vertx vertx = Vertx.vertx();
        FakeBedrock bedrock = await(FakeBedrock.start(vertx), Duration.ofSeconds(10));
        // No GLASSBOX_ALLOWED_ORIGINS: the gateway accepts pages from localhost only, as the page here is.
        LocalGateway gateway = await(LocalGateway.start(vertx, 0, Map.of(
                "GLASSBOX_BACKEND", "bedrock-rag",
                "GLASSBOX_KB_ID", "KB12345678",
                "GLASSBOX_BEDROCK_AGENT_RUNTIME_ENDPOINT", bedrock.endpoint(),
                "GLASSBOX_BEDROCK_RUNTIME_ENDPOINT", bedrock.endpoint())), Duration.ofSeconds(30));
        try (LocalServer server = LocalServer.start(LocalServer.KNOWLEDGE,
                Map.of("GLASSBOX_PAGE_WEBSOCKET_URL", "ws://localhost:" + gateway.port() + "/local"))) {
            browser.get("http://localhost:" + server.port() + "/");
            HeadlessChromium.waitUntil(browser, () -> browser.findElement(By.cssSelector("[data-role=status]"))
                    .getText().contains("Connected"), "the page connects to the gateway");
            HeadlessChromium.ask(browser, "How much does Glassbox cost?");
            HeadlessChromium.waitUntil(browser, () -> browser.findElement(By.cssSelector("[data-role=stats]")).getText()
                    .contains("total"), "the answer's footer");
            assertThat(browser.findElement(By.cssSelector("[data-role=answer]")).getText())
                    .as("Bedrock's answer, not the local agent's")
                    .contains("Locally it costs nothing").contains("In the cloud: about 5 € a month");
            assertThat(browser.findElement(By.cssSelector("[data-role=stats]")).getText()).contains("1200 in / 40 out tokens").contains("$0.000082");
            assertThat(browser.findElements(By.cssSelector("[data-role=answer] a[data-cite]")))
                    .extracting(link -> link.getAttribute("data-cite")).containsExactly("1", "2");
            var model = browser.findElement(By.cssSelector("[data-role=trace-step][data-kind=model]"));
            assertThat(model.findElement(By.cssSelector("[data-role=prompt-summary]")).getText())
                    .matches("sent 2 passages, about \\d+ tokens");
            assertThat(model.findElement(By.cssSelector("[data-role=model-usage]")).getText())
                    .isEqualTo("amazon.nova-lite-v1:0: 1200 tokens in, 40 out");
            assertThat(model.findElements(By.cssSelector("dl.fields"))).as("every field read, none raw").isEmpty();

            // A reload mid-answer: a new API Gateway connection resumes the running answer.
            HeadlessChromium.ask(browser, "scenario:rag-long Reload me");
            HeadlessChromium.waitUntil(browser, () -> lastAnswer(browser).contains("One."), "the answer under way");
            browser.navigate().refresh();
            HeadlessChromium.waitUntil(browser, () -> browser.findElements(By.cssSelector(".card")).size() == 2
                    && "done".equals(browser.findElements(By.cssSelector(".card")).get(1).getAttribute("data-status")),
                    "the resumed answer to finish");
            assertThat(lastAnswer(browser)).as("resumed, nothing lost or repeated").isEqualTo("One. Two. Three.");
        } finally {
            browser.quit();
            await(gateway.close(), Duration.ofSeconds(10));
            await(bedrock.close(), Duration.ofSeconds(10));
            await(vertx.close(), Duration.ofSeconds(10));
        }
    }

    private static String lastAnswer(ChromeDriver browser) {
        var answers = browser.findElements(By.cssSelector("[data-role=answer]"));
        return answers.isEmpty() ? "" : answers.get(answers.size() - 1).getText().strip();
    }
}
