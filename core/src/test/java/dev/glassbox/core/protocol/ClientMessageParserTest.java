package dev.glassbox.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ClientMessageParserTest {
    private final ClientMessageParser parser = new ClientMessageParser();

    @Test
    void readsEveryActionOfProtocolV1() throws Exception {
        assertThat(parser.parse("{\"action\":\"ask\",\"id\":\"q1\",\"sessionId\":\"s-1\",\"text\":\"  Why?  \"}"))
                .isEqualTo(new ClientMessage.Ask("q1", "s-1", "Why?"));
        assertThat(parser.parse("{\"action\":\"ask\",\"id\":\"q.1:a_b-c\",\"text\":\"Why?\",\"future\":true}"))
                .isEqualTo(new ClientMessage.Ask("q.1:a_b-c", null, "Why?"));
        assertThat(parser.parse("{\"action\":\"cancel\",\"id\":\"q1\"}")).isEqualTo(new ClientMessage.Cancel("q1"));
        assertThat(parser.parse("{\"action\":\"resume\",\"id\":\"q1\",\"after\":41}"))
                .isEqualTo(new ClientMessage.Resume("q1", null, 41));
        assertThat(parser.parse("{\"action\":\"resume\",\"id\":\"q1\"}"))
                .isEqualTo(new ClientMessage.Resume("q1", null, -1));
        assertThat(parser.parse("{\"action\":\"ping\"}")).isEqualTo(new ClientMessage.Ping());
    }

    @Test
    void acceptsAQuestionOfExactlyTheLimitWithAstralCharacters() throws Exception {
        String text = "😀".repeat(1_999) + "\uD835\uDC00"; // an astral letter: a question needs one
        assertThat(((ClientMessage.Ask) parser.parse("{\"action\":\"ask\",\"id\":\"q\",\"text\":\"" + text + "\"}"))
                .text()).isEqualTo(text);
    }

    @Test
    void refusesALetterCarryingMoreThanThirtyCombiningMarksButReadsThirty() throws Exception {
        String thirty = "What is the budget? a" + "\u0301".repeat(30) + " e\ufe0f";
        assertThat(((ClientMessage.Ask) parser.parse("{\"action\":\"ask\",\"id\":\"q\",\"text\":\"" + thirty
                + "\"}")).text()).isEqualTo(thirty);
        for (String mark : new String[] {"\u0301", "\ufe0f", "\u0e48", "\ud834\udd67"}) {
            String stacked = "What is the budget? a" + mark.repeat(31);
            assertThatThrownBy(() -> parser.parse("{\"action\":\"ask\",\"id\":\"q\",\"text\":\"" + stacked + "\"}"))
                    .isInstanceOfSatisfying(ProtocolException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
                        assertThat(e.getMessage()).contains("more than 30 combining marks");
                    });
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "not json | bad_request | not valid JSON (near character 4). Send one JSON object",
        "{\"action\":\"ping\",} | bad_request | not valid JSON (near character 18)",
        "{\"action\":\"ping | bad_request | ends before its JSON does",
        "{\"action\":\"ping\"} {\"x\":1} | bad_request | more than one JSON value",
        "{\"action\":\"ping\"}] | bad_request | not valid JSON (near character 18)",
        "{\"a\":[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]} | bad_request | more than 16 deep",
        "{\"action\":\"resume\",\"id\":\"q\",\"sessionId\":\"s-1\",\"after\":10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000} | bad_request | a number of more than 100 digits",
        "{\"action\":\"ping\",\"x\":\"\\q\"} | bad_request | not valid JSON (near character 24)",
        "`` | bad_request | empty",
        "[1] | bad_request | JSON object",
        "{\"action\":null} | bad_request | no \"action\"",
        "{\"action\":true} | bad_request | must be a string",
        "{\"action\":\"DELETE\"} | bad_request | Unknown action \"DELETE\"",
        "{\"action\":\"ask\",\"id\":\"q1\",\"text\":\"\\u0000\"} | bad_request | empty",
        "{\"action\":\"ask\",\"id\":\"q1\",\"text\":\"\\ufffd\"} | bad_request | no letters or digits",
        "{\"action\":\"ask\",\"id\":\"q1\",\"text\":\"\\u200b\\u200b ?!\"} | bad_request | no letters or digits",
        "{\"action\":\"ask\",\"id\":\"q1\",\"text\":\"\\u037a \\uff9e\"} | bad_request | no letters or digits",
        "{\"action\":\"ask\",\"id\":\"q1\",\"text\":\"\\udc00x\"} | bad_request | unpaired",
        "{\"action\":\"ask\",\"id\":\"q1\",\"text\":\"x\\ud83d\"} | bad_request | unpaired",
        "{\"action\":\"ask\",\"id\":\"<script>\",\"text\":\"x\"} | bad_request | 1 to 64 characters",
        "{\"action\":\"ask\",\"id\":\"q1\",\"sessionId\":7,\"text\":\"x\"} | bad_request | sessionId",
        "{\"action\":\"ask\",\"action\":\"ping\"} | bad_request | names the field \"action\" twice",
        "{\"action\":\"resume\",\"id\":\"q1\",\"after\":\"41\"} | bad_request | whole number",
        "{\"action\":\"resume\",\"id\":\"q1\",\"after\":99999999999999999999} | bad_request | whole number",
        "{\"action\":\"resume\",\"id\":\"q1\",\"after\":2147483648} | bad_request | from -1 to 2147483647",
    })
    void rejectsMalformedMessagesWithAPreciseCodeAndMessage(String frame, String code, String message) {
        assertThatThrownBy(() -> parser.parse(frame))
                .isInstanceOfSatisfying(ProtocolException.class, e -> {
                    assertThat(e.code().wireName()).isEqualTo(code);
                    // what is wrong, for a person: never how Jackson put it (its classes, settings and source)
                    assertThat(e.getMessage()).contains(message)
                            .doesNotContainIgnoringCase("jackson").doesNotContain("Source").doesNotContain("line:")
                            .doesNotContain("`").doesNotContain("JsonNode").doesNotContain("Constraints")
                            .doesNotContain("FAIL_ON");
                });
    }

    @Test
    void readsFeedbackWithAndWithoutAComment() throws Exception {
        assertThat(parser.parse("{\"action\":\"feedback\",\"id\":\"q1\",\"sessionId\":\"s-1\",\"verdict\":\"down\","
                + "\"comment\":\"  Wrong price.  \"}"))
                .isEqualTo(new ClientMessage.Feedback("q1", "s-1", "down", "Wrong price."));
        assertThat(parser.parse("{\"action\":\"feedback\",\"id\":\"q1\",\"verdict\":\"up\"}"))
                .isEqualTo(new ClientMessage.Feedback("q1", null, "up", ""));
        String longest = "é".repeat(500);
        assertThat(((ClientMessage.Feedback) parser.parse("{\"action\":\"feedback\",\"id\":\"q\",\"verdict\":\"up\","
                + "\"comment\":\"" + longest + "\"}")).comment()).isEqualTo(longest);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"action\":\"feedback\",\"verdict\":\"up\"}`                                | BAD_REQUEST | needs an \"id\"",
        "`{\"action\":\"feedback\",\"id\":\"q1\"}`                                     | BAD_REQUEST | \"up\" or \"down\"",
        "`{\"action\":\"feedback\",\"id\":\"q1\",\"verdict\":\"meh\"}`                 | BAD_REQUEST | \"up\" or \"down\"",
        "`{\"action\":\"feedback\",\"id\":\"q1\",\"verdict\":1}`                       | BAD_REQUEST | \"up\" or \"down\"",
        "`{\"action\":\"feedback\",\"id\":\"q1\",\"verdict\":\"up\",\"comment\":7}`    | BAD_REQUEST | must be a string",
        "`{\"action\":\"feedback\",\"id\":\"q1\",\"verdict\":\"up\",\"comment\":\"\\ud800\"}` | BAD_REQUEST | broken character",
        "`{\"action\":\"feedback\",\"id\":\"q1\",\"sessionId\":\"x\",\"verdict\":\"up\"}` | BAD_REQUEST | sessionId",
    })
    void badFeedbackIsExplained(String frame, ErrorCode code, String says) {
        assertThatThrownBy(() -> parser.parse(frame)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).contains(says);
        });
    }

    @Test
    void aFeedbackCommentOverFiveHundredCharactersIsTooLarge() {
        String frame = "{\"action\":\"feedback\",\"id\":\"q1\",\"verdict\":\"down\",\"comment\":\"" + "a".repeat(501) + "\"}";
        assertThatThrownBy(() -> parser.parse(frame)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(e.answerId()).isEqualTo("q1");
            assertThat(e.getMessage()).contains("501").contains("500");
        });
    }

    @Test
    void aQuestionOverTheLimitIsTooLargeAndNamesItsAnswer() {
        String frame = "{\"action\":\"ask\",\"id\":\"big\",\"text\":\"" + "a".repeat(4_001) + "\"}";
        assertThatThrownBy(() -> parser.parse(frame)).isInstanceOfSatisfying(ProtocolException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE);
            assertThat(e.answerId()).isEqualTo("big");
            assertThat(e.getMessage()).contains("4001").contains("4000");
        });
    }

    @Test
    void aFrameOverThirtyTwoKilobytesIsTooLargeEvenWhenItsCharactersAreFew() {
        String frame = "{\"action\":\"ping\",\"pad\":\"" + "€".repeat(11_000) + "\"}";
        assertThatThrownBy(() -> parser.parse(frame)).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_LARGE));
    }

    @Test
    void unknownActionsAreEchoedSafely() {
        assertThatThrownBy(() -> parser.parse("{\"action\":\"a\\u0007" + "b".repeat(100) + "\"}"))
                .hasMessageContaining("a?bbb").hasMessageContaining("…");
    }
}
