package dev.glassbox.infra.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The GitHub Actions workflows parse, authenticate to AWS by OIDC only, and call what the repository has. */
class WorkflowsTest {
    private static final Path ROOT = Path.of("..");
    private static final Path WORKFLOWS = ROOT.resolve(".github/workflows");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Pattern CLASS = Pattern.compile("dev\\.glassbox\\.[a-z.]+\\.[A-Z][A-Za-z]+");
    private static final Pattern REPO_PATH = Pattern.compile("(?<![\\w/$.-])((?:\\.github|\\.ci|client|knowledge|cdktf|server)"
            + "/[\\w./-]*)");

    @Test
    void everyWorkflowParsesAndRunsOnWhatItShould() throws Exception {
        assertThat(workflow("ci.yml").path("on").has("push")).isTrue();
        assertThat(workflow("ci.yml").path("on").has("pull_request")).isTrue();
        JsonNode deploy = workflow("deploy.yml");
        assertThat(deploy.at("/on/workflow_run/workflows").toString()).contains("CI");
        assertThat(deploy.at("/on/workflow_dispatch/inputs/action/options").toString()).contains("destroy");
        JsonNode sync = workflow("knowledge-sync.yml");
        assertThat(sync.at("/on/push/paths").toString()).contains("knowledge/**");
        assertThat(sync.at("/concurrency/group").asText()).as("never syncing while a deploy syncs")
                .isEqualTo(deploy.at("/concurrency/group").asText());
    }

    @Test
    void onlyAPushToThisRepositorysMainDeploysAndOnlyInProduction() throws Exception {
        JsonNode job = workflow("deploy.yml").at("/jobs/deploy");
        String condition = job.path("if").asText();
        assertThat(condition).as("a fork's pull request from its own main must not deploy")
                .contains("github.event.workflow_run.event == 'push'")
                .contains("github.event.workflow_run.head_repository.full_name == github.repository")
                .contains("github.event.workflow_run.conclusion == 'success'");
        assertThat(job.path("environment").asText()).isEqualTo("production");
        assertThat(workflow("knowledge-sync.yml").at("/jobs/sync/environment").asText()).isEqualTo("production");
    }

    @Test
    void everyActionIsPinnedToAFullCommitWithItsVersionNamed() throws Exception {
        Pattern pinned = Pattern.compile("uses: [\\w.-]+/[\\w./-]+@[0-9a-f]{40} # v\\d+(\\.\\d+)*");
        try (var files = Files.list(WORKFLOWS)) {
            for (Path file : files.toList()) {
                for (String line : Files.readAllLines(file)) {
                    if (line.strip().startsWith("uses:") || line.strip().startsWith("- uses:")) {
                        assertThat(pinned.matcher(line).find()).as("%s: %s", file.getFileName(), line.strip()).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void inputsReachScriptsOnlyThroughTheEnvironment() throws Exception {
        try (var files = Files.list(WORKFLOWS)) {
            for (Path file : files.toList()) {
                for (JsonNode step : steps(YAML.readTree(file.toFile()))) {
                    assertThat(step.path("run").asText()).as("%s: %s", file.getFileName(), step.path("name").asText())
                            .doesNotContain("${{");
                }
            }
        }
        JsonNode plan = steps(workflow("deploy.yml")).stream().filter(s -> s.path("name").asText().equals("Plan"))
                .findFirst().orElseThrow();
        assertThat(plan.at("/env/CONFIRM_DESTROY").asText()).isEqualTo("${{ inputs.confirm_destroy }}");
        assertThat(plan.path("run").asText()).contains("\"$CONFIRM_DESTROY\"").contains("-lockfile=readonly");
    }

    @Test
    void deployInstallsACheckedTerraformAndSyncsKnowledgeBeforeTheSmokeTest() throws Exception {
        List<String> names = steps(workflow("deploy.yml")).stream().map(s -> s.path("name").asText()).toList();
        assertThat(names).containsSubsequence("Apply", "Sync knowledge/ into the knowledge base and ingest it",
                "Smoke test the deployed WebSocket (retrieval with a reference, a cited answer)");
        String install = Files.readString(ROOT.resolve(".github/scripts/install-terraform.sh"));
        assertThat(install).contains("sha256sum -c").containsPattern("expected=[0-9a-f]{64}");
        for (String name : List.of("deploy.yml", "knowledge-sync.yml", "ci.yml")) {
            assertThat(Files.readString(WORKFLOWS.resolve(name))).as(name).contains("install-terraform.sh")
                    .doesNotContain("setup-terraform");
        }
        assertThat(Files.readString(ROOT.resolve(".github/scripts/sync-knowledge.sh")))
                .as("a knowledge push before the first deploy succeeds and says why").contains("not deployed yet");
    }

    @Test
    void theDeployedPageLinksToThisRepositoryAndOnlyTheStackWritesItsConfig() throws Exception {
        JsonNode env = workflow("deploy.yml").path("env");
        assertThat(env.path("GLASSBOX_PAGE_REPOSITORY_URL").asText())
                .contains("vars.GLASSBOX_PAGE_REPOSITORY_URL").contains("github.server_url").contains("github.repository");
        assertThat(env.path("GLASSBOX_PAGE_SOURCES_URL").asText())
                .contains("vars.GLASSBOX_PAGE_SOURCES_URL").contains("/blob/{2}/knowledge/");
        String publish = Files.readString(ROOT.resolve(".github/scripts/publish-site.sh"));
        assertThat(publish).as("a second writer would undo the stack's config.json on every deploy")
                .doesNotContain("> \"$site/config.json\"").doesNotContain("s3://$bucket/config.json")
                .contains("--exclude config.json");
    }

    @Test
    void everySettingOfTheStackCanBeGivenAsARepositoryVariable() throws Exception {
        String settings = Files.readString(ROOT.resolve("cdktf/src/main/java/dev/glassbox/infra/InfraSettings.java"));
        JsonNode env = workflow("deploy.yml").path("env");
        Matcher name = Pattern.compile("\"(GLASSBOX_[A-Z_]+)\"").matcher(settings);
        List<String> read = new ArrayList<>();
        while (name.find()) {
            read.add(name.group(1));
        }
        // a local jar and local state make no sense on a runner; S3 Vectors is the only vector store
        read.removeAll(List.of("GLASSBOX_LAMBDA_JAR", "GLASSBOX_LOCAL_STATE", "GLASSBOX_VECTOR_STORE"));
        assertThat(read).hasSizeGreaterThan(10);
        for (String setting : read) {
            assertThat(env.path(setting).asText()).as(setting).contains("vars." + setting);
        }
    }

    @Test
    void awsIsReachedThroughOidcAndNeverWithStoredKeys() throws Exception {
        for (String name : List.of("deploy.yml", "knowledge-sync.yml")) {
            JsonNode workflow = workflow(name);
            assertThat(workflow.at("/permissions/id-token").asText()).as(name).isEqualTo("write");
            List<JsonNode> credentials = steps(workflow).stream()
                    .filter(s -> s.path("uses").asText().startsWith("aws-actions/configure-aws-credentials")).toList();
            assertThat(credentials).as(name).hasSize(1);
            assertThat(credentials.get(0).at("/with/role-to-assume").asText()).isEqualTo("${{ vars.AWS_DEPLOY_ROLE_ARN }}");
        }
        try (var files = Files.list(WORKFLOWS)) {
            for (Path file : files.toList()) {
                assertThat(Files.readString(file)).as(file.toString())
                        .doesNotContain("aws-access-key-id").doesNotContain("aws-secret-access-key")
                        .doesNotContain("AWS_SECRET_ACCESS_KEY").doesNotContain("secrets.AWS");
            }
        }
    }

    @Test
    void everyCommandCallsWhatTheRepositoryHas() throws Exception {
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("./mvnw -B verify");
        assertThat(Files.readString(ROOT.resolve(".ci/run"))).contains("./mvnw -B verify");
        List<String> scripts = new ArrayList<>();
        try (var files = Files.list(WORKFLOWS)) {
            for (Path file : files.toList()) {
                steps(YAML.readTree(file.toFile())).forEach(step -> scripts.add(step.path("run").asText()));
            }
        }
        try (var files = Files.list(ROOT.resolve(".github/scripts"))) {
            for (Path file : files.toList()) {
                scripts.add(Files.readString(file));
            }
        }
        for (String script : scripts) {
            Matcher className = CLASS.matcher(script);
            while (className.find()) {
                String source = className.group().replace('.', '/') + ".java";
                assertThat(List.of("core", "server", "cdktf")).as("a source file for " + className.group())
                        .anyMatch(module -> Files.exists(ROOT.resolve(module).resolve("src/main/java").resolve(source)));
            }
            Matcher path = REPO_PATH.matcher(script);
            while (path.find()) {
                String used = path.group(1);
                Path target = used.contains("/target/") ? ROOT.resolve(used.substring(0, used.indexOf("/target/")))
                        .resolve("pom.xml") : ROOT.resolve(used);
                assertThat(target).as("%s, used by a workflow", used).exists();
            }
        }
    }

    private static JsonNode workflow(String name) throws Exception {
        return YAML.readTree(WORKFLOWS.resolve(name).toFile());
    }

    private static List<JsonNode> steps(JsonNode workflow) {
        List<JsonNode> steps = new ArrayList<>();
        workflow.path("jobs").forEach(job -> job.path("steps").forEach(steps::add));
        return steps;
    }
}
