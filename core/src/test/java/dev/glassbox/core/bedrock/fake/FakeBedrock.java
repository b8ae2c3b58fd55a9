package dev.glassbox.core.bedrock.fake;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.eventstream.HeaderValue;
import software.amazon.awssdk.eventstream.Message;

/**
 * A fake of Amazon Bedrock for tests that speaks its real wire protocols: the REST paths and
 * headers of Retrieve, ConverseStream and InvokeAgent, and the event-stream framing, written with
 * the SDK's own {@link Message}. What it answers comes from scenario files in
 * {@code src/test/resources/bedrock}; a question names its scenario as {@code scenario:NAME}. A scenario
 * with {@code expectGuardrail} refuses a ConverseStream request whose {@code guardrailConfig} differs.
 */
public final class FakeBedrock {
    private static final Pattern SCENARIO = Pattern.compile("scenario:([a-z0-9-]+)");
    private static final Pattern CONVERSE = Pattern.compile("/model/([^/]+)/converse-stream");
    private static final Pattern INVOKE_AGENT = Pattern.compile(
            "/agents/([^/]+)/agentAliases/([^/]+)/sessions/([^/]+)/text");
    private static final Pattern RETRIEVE = Pattern.compile("/knowledgebases/([^/]+)/retrieve");

    /** Every request body received, by operation, for assertions. */
    public final Map<String, List<JsonObject>> requests = new ConcurrentHashMap<>();
    /** The session ids InvokeAgent was called with, from the request path. */
    public final List<String> sessionIds = new CopyOnWriteArrayList<>();
    /** When the client closed a streaming connection, in System.nanoTime(). */
    public final List<Long> streamsClosedAt = new CopyOnWriteArrayList<>();
    private final Vertx vertx;
    private final HttpServer server;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    private FakeBedrock(Vertx vertx, HttpServer server) {
        this.vertx = vertx;
        this.server = server;
    }

    public static Future<FakeBedrock> start(Vertx vertx) {
        HttpServer server = vertx.createHttpServer();
        FakeBedrock fake = new FakeBedrock(vertx, server);
        server.requestHandler(fake::handle);
        return server.listen(0, "localhost").map(s -> fake);
    }

    public String endpoint() {
        return "http://localhost:" + server.actualPort();
    }

    public Future<Void> close() {
        return server.close();
    }

    private void handle(HttpServerRequest request) {
        request.body().onSuccess(body -> {
            JsonObject json = body.length() == 0 ? new JsonObject() : body.toJsonObject();
            String path = request.path();
            Matcher converse = CONVERSE.matcher(path);
            Matcher agent = INVOKE_AGENT.matcher(path);
            Matcher retrieve = RETRIEVE.matcher(path);
            if (converse.matches()) {
                respond("converse", json, request.response(), Map.of());
            } else if (agent.matches()) {
                sessionIds.add(URLDecoder.decode(agent.group(3), StandardCharsets.UTF_8));
                respond("invokeAgent", json, request.response(), Map.of(
                        "x-amzn-bedrock-agent-content-type", "application/json",
                        "x-amz-bedrock-agent-session-id", agent.group(3)));
            } else if (retrieve.matches()) {
                respond("retrieve", json, request.response(), Map.of());
            } else {
                request.response().setStatusCode(404).putHeader("x-amzn-ErrorType", "UnknownOperationException")
                        .end("{\"message\":\"no such operation\"}");
            }
        });
    }

    private void respond(String operation, JsonObject body, HttpServerResponse response, Map<String, String> headers) {
        requests.computeIfAbsent(operation, k -> new CopyOnWriteArrayList<>()).add(body);
        JsonObject scenario = scenario(body.encode());
        JsonObject expected = scenario.getJsonObject("expectGuardrail");
        if (operation.equals("converse") && expected != null && !carries(body.getJsonObject("guardrailConfig"), expected)) {
            // What Bedrock cannot check for us here: that the stack's guardrail is really applied.
            response.setStatusCode(400).putHeader("x-amzn-ErrorType", "ValidationException")
                    .putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("message", "expected guardrailConfig " + expected.encode() + ", got "
                            + body.getJsonObject("guardrailConfig")).encode());
            return;
        }
        JsonArray steps = scenario.getJsonArray(operation, defaults().getJsonArray(operation));
        int attempt = attempts.computeIfAbsent(scenario.getString("name") + "/" + operation,
                k -> new AtomicInteger()).getAndIncrement();
        JsonObject step = steps.getJsonObject(Math.min(attempt, steps.size() - 1));
        response.putHeader("x-amzn-RequestId", "fake-" + operation + "-" + attempt);
        if (step.containsKey("status")) {
            response.setStatusCode(step.getInteger("status"));
            step.getJsonObject("headers", new JsonObject()).forEach(h -> response.putHeader(h.getKey(), (String) h.getValue()));
            response.putHeader("Content-Type", "application/json").end(step.getJsonObject("body", new JsonObject()).encode());
            return;
        }
        if (step.containsKey("json")) {
            response.putHeader("Content-Type", "application/json").end(step.getJsonObject("json").encode());
            return;
        }
        headers.forEach(response::putHeader);
        response.setChunked(true).putHeader("Content-Type", "application/vnd.amazon.eventstream");
        response.closeHandler(v -> streamsClosedAt.add(System.nanoTime()));
        play(response, step.getJsonArray("frames"), 0);
    }

    private static boolean carries(JsonObject config, JsonObject expected) {
        return config != null && expected.fieldNames().stream()
                .allMatch(name -> expected.getValue(name).equals(config.getValue(name)));
    }

    /** Writes the frames one by one, honouring pauses, and ends the response unless told otherwise. */
    private void play(HttpServerResponse response, JsonArray frames, int index) {
        if (response.closed()) {
            return;
        }
        if (index == frames.size()) {
            response.end();
            return;
        }
        JsonObject frame = frames.getJsonObject(index);
        if (frame.containsKey("pauseMs")) {
            vertx.setTimer(frame.getLong("pauseMs"), t -> play(response, frames, index + 1));
            return;
        }
        if (frame.getBoolean("hang", false)) {
            return; // silent from here on, connection open
        }
        if (frame.containsKey("truncate")) {
            // Half a frame, then the connection drops.
            byte[] bytes = encode(frame.getJsonObject("truncate"));
            response.write(Buffer.buffer(java.util.Arrays.copyOf(bytes, bytes.length / 2)))
                    .onComplete(v -> response.reset());
            return;
        }
        for (byte[] bytes : frameBytes(frame)) {
            response.write(Buffer.buffer(bytes));
        }
        vertx.setTimer(5, t -> play(response, frames, index + 1));
    }

    /** The bytes of one scenario frame; a chunk with {@code cutAtByte} becomes two chunk events. */
    private static List<byte[]> frameBytes(JsonObject frame) {
        if (frame.containsKey("chunkText")) {
            byte[] text = frame.getString("chunkText").getBytes(StandardCharsets.UTF_8);
            int cut = frame.getInteger("cutAtByte", text.length);
            JsonObject first = new JsonObject().put("bytes", Base64.getEncoder().encodeToString(
                    java.util.Arrays.copyOfRange(text, 0, cut)));
            if (frame.containsKey("attribution")) {
                first.put("attribution", frame.getJsonObject("attribution"));
            }
            if (cut == text.length) {
                return List.of(encode(new JsonObject().put("event", "chunk").put("payload", first)));
            }
            JsonObject second = new JsonObject().put("bytes", Base64.getEncoder().encodeToString(
                    java.util.Arrays.copyOfRange(text, cut, text.length)));
            return List.of(encode(new JsonObject().put("event", "chunk").put("payload", first)),
                    encode(new JsonObject().put("event", "chunk").put("payload", second)));
        }
        return List.of(encode(frame));
    }

    /** One event-stream message: an event, an exception, or an error; {@code repeat} makes a long text delta. */
    static byte[] encode(JsonObject frame) {
        if (frame.containsKey("repeat")) {
            JsonObject repeat = frame.getJsonObject("repeat");
            return encode(new JsonObject().put("event", "contentBlockDelta").put("payload", new JsonObject()
                    .put("contentBlockIndex", 0).put("delta", new JsonObject().put("text",
                            repeat.getString("text").repeat(repeat.getInteger("times"))))));
        }
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        byte[] payload = new byte[0];
        if (frame.containsKey("event")) {
            headers.put(":message-type", HeaderValue.fromString("event"));
            headers.put(":event-type", HeaderValue.fromString(frame.getString("event")));
            headers.put(":content-type", HeaderValue.fromString("application/json"));
            payload = frame.getJsonObject("payload", new JsonObject()).encode().getBytes(StandardCharsets.UTF_8);
        } else if (frame.containsKey("exception")) {
            headers.put(":message-type", HeaderValue.fromString("exception"));
            headers.put(":exception-type", HeaderValue.fromString(frame.getString("exception")));
            headers.put(":content-type", HeaderValue.fromString("application/json"));
            payload = frame.getJsonObject("payload", new JsonObject()).encode().getBytes(StandardCharsets.UTF_8);
        } else if (frame.containsKey("error")) {
            headers.put(":message-type", HeaderValue.fromString("error"));
            headers.put(":error-code", HeaderValue.fromString(frame.getJsonObject("error").getString("code")));
            headers.put(":error-message", HeaderValue.fromString(frame.getJsonObject("error").getString("message")));
        } else {
            throw new IllegalArgumentException("not a frame: " + frame);
        }
        ByteBuffer buffer = new Message(headers, payload).toByteBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    private static JsonObject scenario(String requestBody) {
        Matcher name = SCENARIO.matcher(requestBody);
        return name.find() ? load(name.group(1)) : defaults();
    }

    private static JsonObject defaults() {
        return load("defaults");
    }

    private static JsonObject load(String name) {
        try (InputStream in = FakeBedrock.class.getResourceAsStream("/bedrock/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no scenario " + name);
            }
            return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8)).put("name", name);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
