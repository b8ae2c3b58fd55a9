package dev.glassbox.server;

import dev.glassbox.core.testing.ProtocolClient;
import dev.glassbox.core.testing.ProtocolConformance;
import dev.glassbox.core.testing.RawWebSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Protocol v1 against the local server and its embedded agent, paced so answers last long enough to cancel. */
class ServerConformanceTest extends ProtocolConformance {
    private static LocalServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = LocalServer.start(LocalServer.KNOWLEDGE, Map.of("GLASSBOX_LOCAL_PACE_MS", "10"));
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected ProtocolClient open() throws Exception {
        return ProtocolClient.connect(clients, server.port(), "/ws", null);
    }

    @Override
    protected RawWebSocket openRaw() throws Exception {
        return RawWebSocket.connect(server.port(), "/ws", null);
    }

    @Override
    protected String question() {
        return "What does the local agent need?";
    }

    @Override
    protected String slowQuestion() {
        return "How does an answer travel through the answer pipeline?";
    }
}
