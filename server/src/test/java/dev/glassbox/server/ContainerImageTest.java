package dev.glassbox.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The Jib image configuration (profile {@code image} of server/pom.xml). Its base image comes from a registry, which
 * the build machines cannot reach, so the image itself is built on GitHub Actions; this checks what it would run.
 */
class ContainerImageTest {
    private static final Path POM = Path.of("pom.xml");

    private static List<String> texts(NodeList nodes) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    @Test
    void theImageListensOnEveryInterfaceAndReadsTheKnowledgeItShips() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(POM.toFile());
        XPath xpath = XPathFactory.newInstance().newXPath();
        Node jib = (Node) xpath.evaluate("/project/profiles/profile[id='image']/build/plugins/plugin"
                + "[artifactId='jib-maven-plugin']/configuration", pom, XPathConstants.NODE);
        assertThat(jib).as("the jib configuration in the image profile").isNotNull();

        assertThat(Class.forName(xpath.evaluate("container/mainClass", jib))).isEqualTo(Main.class);
        Map<String, String> environment = new HashMap<>();
        NodeList variables = (NodeList) xpath.evaluate("container/environment/*", jib, XPathConstants.NODESET);
        for (int i = 0; i < variables.getLength(); i++) {
            environment.put(variables.item(i).getNodeName(), variables.item(i).getTextContent());
        }
        assertThat(environment).containsEntry("GLASSBOX_HOST", "0.0.0.0")
                .containsEntry("GLASSBOX_KNOWLEDGE_DIR", "/app/knowledge");
        assertThat(environment.get("GLASSBOX_CACHE_DIR")).startsWith("/tmp/");
        assertThat(xpath.evaluate("container/user", jib)).as("not root").isNotIn("", "0", "root");
        assertThat(xpath.evaluate("container/ports/port", jib)).isEqualTo("8080");
        assertThat(texts((NodeList) xpath.evaluate("container/jvmFlags/jvmFlag", jib, XPathConstants.NODESET)))
                .anyMatch(flag -> flag.startsWith("-XX:MaxRAMPercentage="));

        String knowledge = xpath.evaluate("extraDirectories/paths/path[into='/app/knowledge']/from", jib)
                .replace("${project.basedir}", Path.of("").toAbsolutePath().toString());
        try (var files = Files.list(Path.of(knowledge))) {
            assertThat(files.map(Path::toString)).anyMatch(name -> name.endsWith(".md"));
        }
    }
}
