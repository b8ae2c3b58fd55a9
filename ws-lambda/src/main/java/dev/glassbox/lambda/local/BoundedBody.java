package dev.glassbox.lambda.local;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads a request body of at most a given size. A larger one is answered 413 and its connection
 * closed as soon as its length is known (from Content-Length, else once it has grown past the limit),
 * so no body is ever held beyond the limit.
 */
final class BoundedBody {
    private BoundedBody() {
    }

    /** The body, or a failed future once the request has been answered 413 with {@code errorType}. */
    static Future<Buffer> read(HttpServerRequest request, int maxBytes, String errorType) {
        Promise<Buffer> body = Promise.promise();
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && (!length.matches("\\d{1,10}") || Long.parseLong(length) > maxBytes)) {
            refuse(request, maxBytes, errorType, body);
            return body.future();
        }
        Buffer received = Buffer.buffer();
        request.handler(chunk -> {
            if (body.future().isComplete()) {
                return;
            }
            if (received.length() + chunk.length() > maxBytes) {
                refuse(request, maxBytes, errorType, body);
            } else {
                received.appendBuffer(chunk);
            }
        });
        request.endHandler(v -> body.tryComplete(received));
        request.exceptionHandler(body::tryFail);
        return body.future();
    }

    private static void refuse(HttpServerRequest request, int maxBytes, String errorType, Promise<Buffer> body) {
        body.tryFail("request body over " + maxBytes + " bytes");
        request.response().setStatusCode(413).putHeader("x-amzn-ErrorType", errorType)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader(HttpHeaders.CONNECTION, "close")
                .end("{\"message\":\"Request must be smaller than " + maxBytes + " bytes\"}")
                .onComplete(v -> request.connection().close());
    }
}
