package dev.glassbox.core.guard;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameDecoder;

/**
 * Counts, for a socket's {@link ReadBudget.Holder}, the bytes its client sent that are not yet part of a
 * whole message: every byte read counts, and the bytes of a frame are settled once its message has ended (a
 * control frame at once). What a read leaves counted is then exactly the frame still arriving and the frames
 * of a fragmented message not yet ended. Sits in the socket's Netty pipeline, before and after the WebSocket
 * frame decoder, so it sees the bytes Netty holds before any frame is made of them.
 */
public final class PartlyReceived {
    /** A client's frame header: 2 bytes, 4 of mask (a client must mask), 2 or 8 more for a length over 125. */
    private static final int HEADER_BYTES = 2 + 4;

    private PartlyReceived() {
    }

    /** Watches an upgraded WebSocket's channel; call on its event loop, after the upgrade. */
    public static void watch(Channel channel, ReadBudget.Holder holder) {
        ChannelPipeline pipeline = channel.pipeline();
        String decoder = pipeline.context(WebSocketFrameDecoder.class).name();
        pipeline.addAfter(decoder, "glassbox-settled", new Settled(holder));
        pipeline.addFirst("glassbox-received", new Received(holder));
    }

    /** The wire size of a client frame whose payload is {@code payload} bytes (Netty refuses lengths not encoded minimally). */
    static long wireBytes(long payload) {
        return HEADER_BYTES + payload + (payload < 126 ? 0 : payload < 65_536 ? 2 : 8);
    }

    private static final class Received extends ChannelInboundHandlerAdapter {
        private final ReadBudget.Holder holder;

        Received(ReadBudget.Holder holder) {
            this.holder = holder;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf bytes) {
                holder.received(bytes.readableBytes());
                ctx.fireChannelRead(msg); // decodes, and settles every frame whose message ended
                holder.checked();
            } else {
                ctx.fireChannelRead(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            holder.left();
            ctx.fireChannelInactive();
        }
    }

    private static final class Settled extends ChannelInboundHandlerAdapter {
        private final ReadBudget.Holder holder;
        /** The wire bytes of the fragmented message under way. */
        private long message;

        Settled(ReadBudget.Holder holder) {
            this.holder = holder;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof WebSocketFrame frame) {
                long wire = wireBytes(frame.content().readableBytes());
                if (frame instanceof PingWebSocketFrame || frame instanceof PongWebSocketFrame
                        || frame instanceof CloseWebSocketFrame) {
                    holder.settled(wire);
                } else {
                    message += wire;
                    if (frame.isFinalFragment()) {
                        holder.settled(message);
                        message = 0;
                    }
                }
            }
            ctx.fireChannelRead(msg);
        }
    }
}
