package dev.glassbox.core.bedrock;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes text that arrives as byte chunks, where a chunk may end inside a multi-byte character:
 * the incomplete bytes wait for the next chunk instead of turning into replacement characters.
 */
final class Utf8Chunks {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private ByteBuffer pending = ByteBuffer.allocate(0);

    String decode(byte[] chunk) {
        ByteBuffer input = ByteBuffer.allocate(pending.remaining() + chunk.length);
        input.put(pending).put(chunk).flip();
        CharBuffer output = CharBuffer.allocate(input.remaining() + 1);
        decoder.decode(input, output, false);
        pending = input.slice();
        return output.flip().toString();
    }

    /** What is left when the stream ends: an incomplete character becomes a replacement character. */
    String finish() {
        CharBuffer output = CharBuffer.allocate(pending.remaining() + 2);
        decoder.decode(pending, output, true);
        decoder.flush(output);
        pending = ByteBuffer.allocate(0);
        return output.flip().toString();
    }
}
