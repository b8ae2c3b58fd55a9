package dev.glassbox.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** HTTP on a plain socket, for requests a client library would not send, and for slowloris. */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends {@code request} on a fresh connection to 127.0.0.1 and returns what came back until close or 5 s of quiet. */
    public static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return readUntilQuiet(socket.getInputStream());
        }
    }

    /** Everything readable until the peer closes, resets or goes quiet for the socket's timeout. */
    public static String readUntilQuiet(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] buffer = new byte[8192];
        try {
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                text.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException | SocketException quietOrReset) {
            // what came before is the answer
        }
        return text.toString();
    }

    /**
     * Slowloris: starts a request and sends one more header line every 200 ms, never finishing; true
     * when the server closed the connection within {@code maxSeconds}.
     */
    public static boolean slowHeadersAreCut(int port, int maxSeconds) throws IOException {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            OutputStream out = slow.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < maxSeconds * 5; i++) {
                try {
                    out.write("X-a: b\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException reset) {
                    return true;
                }
                if (closedByPeer(slow)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Waits up to 200 ms for the peer to close the connection. */
    public static boolean closedByPeer(Socket socket) throws IOException {
        socket.setSoTimeout(200);
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
