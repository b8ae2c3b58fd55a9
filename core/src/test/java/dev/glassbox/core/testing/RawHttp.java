package dev.glassbox.core.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** HTTP on a plain socket, for requests a client library would not send, and for slowloris. */
public final class RawHttp {
    private RawHttp() {
    }

    /** A connection to 127.0.0.1:{@code port} from the loopback address {@code from}, so one machine can be many clients. */
    public static Socket connect(String from, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        return socket;
    }

    /** Sends {@code request} on a fresh connection to 127.0.0.1 and returns what came back until close or 5 s of quiet. */
    public static String exchange(int port, String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return readUntilQuiet(socket.getInputStream());
        }
    }

    /**
     * Sends {@code head}, then up to 64 MB of body in 64 KB pieces (in chunks when asked) until the
     * server answers or cuts the connection; returns its answer. A server that buffered the body
     * whole would answer only after all of it.
     */
    public static String streamUntilAnswered(int port, String head, boolean chunked) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            byte[] piece = new byte[64 * 1024];
            Arrays.fill(piece, (byte) 'x');
            try {
                for (int i = 0; i < 1024 && socket.getInputStream().available() == 0; i++) {
                    if (chunked) {
                        out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(piece);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
            } catch (IOException cut) {
                // the server closed the connection while the body was still coming
            }
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
        return closedByPeer(socket, 200);
    }

    /** Waits up to {@code waitMs} for the peer to close the connection. */
    public static boolean closedByPeer(Socket socket, int waitMs) throws IOException {
        socket.setSoTimeout(waitMs);
        try {
            return socket.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
