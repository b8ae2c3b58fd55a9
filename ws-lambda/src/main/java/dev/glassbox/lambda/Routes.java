package dev.glassbox.lambda;

import dev.glassbox.core.conversation.ConversationStore;
import dev.glassbox.core.conversation.Sessions;
import dev.glassbox.core.feedback.FeedbackDesk;
import dev.glassbox.core.feedback.FeedbackStore;
import dev.glassbox.core.guard.ClientKey;
import dev.glassbox.core.guard.OriginPolicy;
import dev.glassbox.core.log.Log;
import dev.glassbox.core.protocol.ClientMessage;
import dev.glassbox.core.protocol.ClientMessageParser;
import dev.glassbox.core.protocol.ErrorCode;
import dev.glassbox.core.protocol.EventEncoder;
import dev.glassbox.core.protocol.ProtocolException;
import dev.glassbox.core.protocol.ServerEvent;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiAsyncClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * The route handler's logic, free of Lambda types: {@code $connect} checks the origin and the
 * client's connection rate; {@code $default} speaks protocol v1, answering bad input with the same
 * error events as the local server and handing each accepted question to the stream worker.
 */
public final class Routes {
    private static final Logger LOG = Logger.getLogger(Routes.class.getName());
    static final int MAX_ANSWERS_IN_FLIGHT = 2;
    static final int ASK_BURST = 5;
    static final long ASK_REFILL_MS = 3_000;
    static final int CLIENT_ASK_BURST = 20;
    static final long CLIENT_ASK_REFILL_MS = 1_000;
    static final int CONNECT_BURST = 10;
    static final long CONNECT_REFILL_MS = 6_000;
    /**
     * API Gateway invokes the routes of one connection concurrently: a cancel sent right behind its ask may be
     * handled before that ask has been. A cancel of an id the connection has not asked waits this long for the ask.
     */
    static final long ASK_RACE_MS = 3_000;
    static final long ASK_RACE_POLL_MS = 150;
    /** Waiting holds a route function: an address gets a few such waits, then unknown ids are refused at once. */
    static final int ASK_RACE_BURST = 5;
    static final long ASK_RACE_REFILL_MS = 6_000;

    private final LambdaSettings settings;
    private final StateStore state;
    private final ApiGatewayManagementApiAsyncClient connections;
    private final WorkerInvoker worker;
    private final OriginPolicy origins;
    private final ClientMessageParser parser = new ClientMessageParser();
    private final EventEncoder encoder = new EventEncoder();
    private final EmfMetrics metrics;
    private final Sessions sessions;
    private final FeedbackDesk feedback;

    public Routes(LambdaSettings settings, StateStore state, FeedbackStore feedback,
                  ApiGatewayManagementApiAsyncClient connections, WorkerInvoker worker, EmfMetrics metrics,
                  ConversationStore conversations) {
        this.settings = settings;
        this.sessions = new Sessions(conversations);
        this.feedback = new FeedbackDesk(feedback, metrics);
        this.metrics = metrics;
        this.state = state;
        this.connections = connections;
        this.worker = worker;
        // The API's host is never the page's, so only listed origins count; with none listed, only localhost.
        this.origins = new OriginPolicy(settings.allowedOrigins());
    }

    /** Returns the HTTP status API Gateway answers the handshake with. */
    public int connect(String connectionId, String origin, String sourceIp) {
        if (!origins.allows(origin, null)) {
            return 403;
        }
        if (state.tryAsk("connect:" + ClientKey.of(sourceIp), CONNECT_BURST, CONNECT_REFILL_MS) > 0) {
            return 429;
        }
        state.connected(connectionId, sourceIp);
        return 200;
    }

    public void disconnect(String connectionId) {
        state.disconnected(connectionId);
    }

    /** One client frame; {@code binary} when API Gateway delivered it base64-encoded. */
    public void message(String connectionId, String sourceIp, String body, boolean binary) {
        if (binary) {
            reject(connectionId, ErrorCode.BAD_REQUEST, "Binary frames are not supported; send JSON as a text frame.",
                    null, false, null);
            return;
        }
        ClientMessage message;
        try {
            message = parser.parse(body == null ? "" : body);
        } catch (ProtocolException e) {
            reject(connectionId, e.code(), e.getMessage(), e.answerId(), false, null);
            return;
        }
        if (message instanceof ClientMessage.Ask ask) {
            ask(connectionId, sourceIp, ask);
        } else if (message instanceof ClientMessage.Cancel cancel) {
            cancel(connectionId, sourceIp, cancel.id());
        } else if (message instanceof ClientMessage.Resume resume) {
            resume(connectionId, resume);
        } else if (message instanceof ClientMessage.Feedback given) {
            feedback(connectionId, given);
        } else {
            post(connectionId, encoder.encode(new ServerEvent.Pong(), null, null));
        }
    }

    /**
     * An id names one answer: one that still runs on this connection is refused, as on the local server, and so is,
     * while its flag lasts, one this connection cancelled, whose worker would otherwise stop the new answer too.
     */
    private void ask(String connectionId, String sourceIp, ClientMessage.Ask ask) {
        if (state.answerRuns(connectionId, ask.id()) || state.flagged(connectionId, ask.id(), StateStore.Flag.CANCEL)) {
            reject(connectionId, ErrorCode.BAD_REQUEST, "The id '" + ask.id() + "' already names an answer on this "
                    + "connection, still running or cancelled; use a new id for each question.", ask.id(), false, null);
            return;
        }
        long waitMs = state.tryAsk("ask:" + connectionId, ASK_BURST, ASK_REFILL_MS);
        if (waitMs == 0) {
            waitMs = state.tryAsk("ip:" + ClientKey.of(sourceIp), CLIENT_ASK_BURST, CLIENT_ASK_REFILL_MS);
        }
        if (waitMs > 0) {
            reject(connectionId, ErrorCode.RATE_LIMITED, "Too many questions in a short time; try again in "
                    + Math.max(1, Math.round(waitMs / 1000.0)) + " s.", ask.id(), true, waitMs);
            return;
        }
        if (state.spentToday() >= settings.dailyBudgetUsd()) {
            ZonedDateTime midnight = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC);
            reject(connectionId, ErrorCode.BUDGET_EXHAUSTED, "Glassbox has spent today's budget for model calls; "
                    + "it answers again after midnight UTC.", ask.id(), true,
                    Duration.between(ZonedDateTime.now(ZoneOffset.UTC), midnight).toMillis());
            return;
        }
        if (state.answerStarted(connectionId, ask.id()) > MAX_ANSWERS_IN_FLIGHT) {
            state.answerEnded(connectionId, ask.id());
            reject(connectionId, ErrorCode.BUSY, "Already answering " + MAX_ANSWERS_IN_FLIGHT
                    + " questions on this connection; wait for one to finish or cancel it.", ask.id(), true, null);
            return;
        }
        // The worker reads the conversation's turns itself; the payload stays one small question.
        String sessionId = sessions.continueOrStart(ask.sessionId(), sourceIp).id();
        state.answerRunning(sessionId, ask.id(), connectionId);
        state.flag(connectionId, ask.id(), StateStore.Flag.KNOWN);
        try {
            worker.invoke(new WorkerRequest(connectionId, ask.id(), sessionId, ask.text()));
        } catch (RuntimeException e) {
            // No worker will run it: the answer must neither count as in flight nor wait for a resume.
            Log.warn(LOG, "could not hand the question to the stream worker", e, "answerId", ask.id(),
                    "connectionId", connectionId);
            state.answerFinished(sessionId, ask.id(), 0);
            state.answerEnded(connectionId, ask.id());
            reject(connectionId, ErrorCode.INTERNAL, "Glassbox could not start answering; try again.", ask.id(),
                    true, null);
        }
    }

    /**
     * A finished answer gets its kept final event; a running one is pointed at this connection, and
     * its worker posts here what this connection has not seen, then the rest. The final event is
     * looked up again after a failed watch, for an answer that finished in between.
     */
    private void resume(String connectionId, ClientMessage.Resume resume) {
        long waitMs = state.tryAsk("resume:" + connectionId, ASK_BURST, ASK_REFILL_MS);
        if (waitMs > 0) {
            reject(connectionId, ErrorCode.RATE_LIMITED, "Too many resumes in a short time; try again in "
                    + Math.max(1, Math.round(waitMs / 1000.0)) + " s.", resume.id(), true, waitMs);
            return;
        }
        if (resume.sessionId() != null) {
            Optional<String> kept = state.finalEvent(resume.sessionId(), resume.id());
            if (kept.isEmpty() && state.watch(resume.sessionId(), resume.id(), connectionId, resume.after())) {
                state.flag(connectionId, resume.id(), StateStore.Flag.KNOWN);
                return;
            }
            kept = kept.isPresent() ? kept : state.finalEvent(resume.sessionId(), resume.id());
            if (kept.isPresent()) {
                state.flag(connectionId, resume.id(), StateStore.Flag.KNOWN);
                post(connectionId, kept.get());
                return;
            }
        }
        reject(connectionId, ErrorCode.BAD_REQUEST, "There is no answer '" + resume.id() + "' to resume in this "
                + "session; running answers can be resumed, finished ones for 10 minutes.", resume.id(), false, null);
    }

    /**
     * Flags the answer for its worker, which looks at the flag of the connection that reads the answer now. An id
     * this connection never asked or resumed gets bad_request, as on the local server: it is another visitor's or
     * none, and either way nothing is stopped. A cancel of an answer that has ended is ignored, as there.
     */
    private void cancel(String connectionId, String sourceIp, String id) {
        if (!knownOrAskedMeanwhile(connectionId, sourceIp, id)) {
            reject(connectionId, ErrorCode.BAD_REQUEST, "There is no answer '" + id + "' to cancel.", id, false, null);
            return;
        }
        state.flag(connectionId, id, StateStore.Flag.CANCEL);
    }

    /** Whether the connection asked or resumed answer {@code id}, waiting a little for an ask still on its way. */
    private boolean knownOrAskedMeanwhile(String connectionId, String sourceIp, String id) {
        if (state.flagged(connectionId, id, StateStore.Flag.KNOWN)) {
            return true;
        }
        if (state.tryAsk("cancel:" + ClientKey.of(sourceIp), ASK_RACE_BURST, ASK_RACE_REFILL_MS) > 0) {
            return false;
        }
        long deadline = System.nanoTime() + ASK_RACE_MS * 1_000_000;
        try {
            while (System.nanoTime() < deadline) {
                Thread.sleep(ASK_RACE_POLL_MS);
                if (state.flagged(connectionId, id, StateStore.Flag.KNOWN)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private void feedback(String connectionId, ClientMessage.Feedback given) {
        long waitMs = state.tryAsk("feedback:" + connectionId, FeedbackDesk.BURST, FeedbackDesk.REFILL_MS);
        if (waitMs > 0) {
            reject(connectionId, ErrorCode.RATE_LIMITED, "Too much feedback in a short time; try again in "
                    + Math.max(1, Math.round(waitMs / 1000.0)) + " s.", given.id(), true, waitMs);
            return;
        }
        ServerEvent reply = feedback.take(given, given.sessionId());
        if (reply instanceof ServerEvent.Error error) {
            metrics.error(error.code());
        }
        post(connectionId, encoder.encode(reply, given.id(), null));
    }

    private void reject(String connectionId, ErrorCode code, String message, String id, boolean retryable,
                        Long retryAfterMs) {
        metrics.error(code);
        post(connectionId, encoder.encode(new ServerEvent.Error(code, message, retryable, retryAfterMs), id, null));
    }

    /** A visitor who has already left (410 Gone) needs no reply; that is not the route's failure. */
    private void post(String connectionId, String frame) {
        try {
            connections.postToConnection(p -> p.connectionId(connectionId).data(SdkBytes.fromUtf8String(frame)))
                    .join();
        } catch (CompletionException e) {
            if (!(e.getCause() instanceof GoneException)) {
                throw e;
            }
        }
    }
}
