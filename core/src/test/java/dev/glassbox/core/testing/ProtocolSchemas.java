package dev.glassbox.core.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The published JSON Schemas of protocol v1 ({@code protocol/schemas/} at the repository root, referenced by
 * {@code protocol/asyncapi.yaml}), loaded from the files themselves so a test always checks what is published.
 */
public final class ProtocolSchemas {
    /** The repository's {@code protocol/} folder, found from any module's working directory. */
    public static final Path FOLDER = find();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ProtocolSchemas INSTANCE = new ProtocolSchemas();

    private final Schema serverEvent;
    private final Schema clientMessage;

    private ProtocolSchemas() {
        // schemas are read from the files; nothing else may be fetched
        String folder = FOLDER.toUri().toString();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaLoader(loader -> loader.fetchRemoteResources()
                        .allow(iri -> iri.toString().startsWith(folder))));
        serverEvent = registry.getSchema(location("server-event.json"));
        clientMessage = registry.getSchema(location("client-message.json"));
    }

    public static ProtocolSchemas get() {
        return INSTANCE;
    }

    /** What is wrong with a server → client frame; empty when it is valid protocol v1. */
    public List<String> serverEventErrors(String frame) {
        return errors(serverEvent, frame);
    }

    /** What is wrong with a client → server frame; empty when it is valid protocol v1. */
    public List<String> clientMessageErrors(String frame) {
        return errors(clientMessage, frame);
    }

    private static List<String> errors(Schema schema, String frame) {
        JsonNode json;
        try {
            json = MAPPER.readTree(frame);
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
        return schema.validate(json).stream().map(Error::toString).toList();
    }

    private static SchemaLocation location(String file) {
        return SchemaLocation.of(FOLDER.resolve("schemas").resolve(file).toUri().toString());
    }

    private static Path find() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("protocol/asyncapi.yaml"))) {
                return dir.resolve("protocol");
            }
        }
        throw new UncheckedIOException(new IOException("no protocol/asyncapi.yaml above " + Path.of("").toAbsolutePath()));
    }
}
