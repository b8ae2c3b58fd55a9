package dev.glassbox.server.http;

/**
 * Limits that keep one visitor's socket from costing the others.
 *
 * @param maxSockets open WebSockets beyond this are told {@code busy} and closed with 1013
 * @param maxSocketsPerIp open WebSockets one client address may hold; one more is told {@code busy}
 * @param writeQueueBytes a socket whose unsent frames exceed this is closed with 1013: its client stopped reading
 * @param loopWriteBudgetBytes what the sockets of one event loop may hold unsent together (GLASSBOX_WRITE_BUDGET_BYTES
 *     shared out among the event loops); past it, the sockets holding the most are cut
 * @param loopReadBudgetBytes what the sockets of one event loop may hold of messages partly received
 *     (GLASSBOX_READ_BUDGET_BYTES shared out among the event loops); past it, the oldest holders are closed
 * @param pingIntervalMs how often the server pings each socket
 * @param idleTimeoutMs a socket with no client message and no running answer for this long is closed
 */
public record SocketSettings(int maxSockets, int maxSocketsPerIp, int writeQueueBytes, long loopWriteBudgetBytes,
                             long loopReadBudgetBytes, long pingIntervalMs, long idleTimeoutMs) {
}
