package dev.glassbox.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2WebSocketResponse;
import java.util.Map;

/** The API Gateway WebSocket route handler: a thin adapter from Lambda's event to {@link Routes}. */
public final class RouteHandler implements RequestHandler<APIGatewayV2WebSocketEvent, APIGatewayV2WebSocketResponse> {
    private final Routes routes;

    public RouteHandler() {
        this(Container.fromEnvironment().routes);
    }

    public RouteHandler(Routes routes) {
        this.routes = routes;
    }

    @Override
    public APIGatewayV2WebSocketResponse handleRequest(APIGatewayV2WebSocketEvent event, Context context) {
        var request = event.getRequestContext();
        String connectionId = request.getConnectionId();
        String sourceIp = request.getIdentity() == null ? "unknown" : request.getIdentity().getSourceIp();
        int status = 200;
        switch (request.getRouteKey()) {
            case "$connect" -> status = routes.connect(connectionId, header(event.getHeaders(), "Origin"), sourceIp);
            case "$disconnect" -> routes.disconnect(connectionId);
            default -> routes.message(connectionId, sourceIp, event.getBody(), event.isIsBase64Encoded());
        }
        APIGatewayV2WebSocketResponse response = new APIGatewayV2WebSocketResponse();
        response.setStatusCode(status);
        return response;
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }
}
