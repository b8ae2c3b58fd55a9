package dev.glassbox.core.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.util.ReferenceCountUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Netty's own server-side frame decoder, fed the bytes a client sends, as the server's pipeline holds it. */
class PartlyReceivedTest {
    private static final int MAX_FRAME_BYTES = 32 * 1024;
    private final ReadBudget budget = new ReadBudget(1 << 20);
    private final ReadBudget.Holder holder = budget.holder(() -> { });
    private final EmbeddedChannel channel = new EmbeddedChannel(new WebSocket13FrameDecoder(true, false, MAX_FRAME_BYTES));

    PartlyReceivedTest() {
        PartlyReceived.watch(channel, holder);
    }

    @Test
    void aFrameStillArrivingIsHeldUntilItsLastByteAndAWholeOneNotAtAll() {
        byte[] question = frame(0x81, "x".repeat(31_000));
        send(slice(question, 0, question.length - 10));
        assertThat(holder.bytes()).isEqualTo(question.length - 10);
        send(slice(question, question.length - 10, 10));
        assertThat(holder.bytes()).isZero();
        byte[] small = frame(0x81, "{\"action\":\"ping\"}");
        byte[] large = frame(0x81, "y".repeat(200));
        send(concat(small, large));
        assertThat(holder.bytes()).isZero();
        assertThat(PartlyReceived.wireBytes(small.length - 6)).isEqualTo(small.length);
        assertThat(PartlyReceived.wireBytes(large.length - 8)).isEqualTo(large.length);
    }

    @Test
    void theFramesOfAFragmentedMessageAreHeldUntilItEndsAndAPingBetweenThemIsNot() {
        byte[] first = frame(0x01, "{\"action\":\"ping\",\"pad\":\"");
        byte[] middle = frame(0x00, "x".repeat(10_000));
        byte[] ping = frame(0x89, "are you there");
        send(concat(first, middle, ping));
        assertThat(holder.bytes()).isEqualTo(first.length + middle.length);
        byte[] last = frame(0x80, "\"}");
        send(last);
        assertThat(holder.bytes()).isZero();
        assertThat(budget.held()).isZero();
    }

    @Test
    void aClosedSocketHoldsNothing() {
        byte[] question = frame(0x81, "x".repeat(5_000));
        send(slice(question, 0, 3_000));
        assertThat(budget.held()).isEqualTo(3_000);
        channel.close();
        assertThat(budget.held()).isZero();
    }

    private void send(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        Object decoded;
        while ((decoded = channel.readInbound()) != null) {
            ReferenceCountUtil.release(decoded);
        }
    }

    /** A masked client frame whose first byte (FIN and opcode) is {@code first}. */
    private static byte[] frame(int first, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(first);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >>> 8);
            out.write(payload.length & 0xff);
        }
        byte[] mask = {7, 1, 9, 3};
        out.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ mask[i % 4]);
        }
        return out.toByteArray();
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] part = new byte[length];
        System.arraycopy(bytes, from, part, 0, length);
        return part;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
