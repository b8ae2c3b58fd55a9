package dev.glassbox.infra;

import com.hashicorp.cdktf.LocalBackend;
import com.hashicorp.cdktf.LocalBackendConfig;
import com.hashicorp.cdktf.S3Backend;
import com.hashicorp.cdktf.S3BackendConfig;
import com.hashicorp.cdktf.TerraformOutput;
import com.hashicorp.cdktf.TerraformOutputConfig;
import com.hashicorp.cdktf.TerraformStack;
import dev.glassbox.infra.parts.Agent;
import dev.glassbox.infra.parts.Functions;
import dev.glassbox.infra.parts.Guardrail;
import dev.glassbox.infra.parts.Knowledge;
import dev.glassbox.infra.parts.Monitoring;
import dev.glassbox.infra.parts.Site;
import dev.glassbox.infra.parts.StateTable;
import dev.glassbox.infra.parts.Storage;
import dev.glassbox.infra.parts.WebSocketApi;
import dev.glassbox.infra.tf.Resource;
import java.util.Map;
import software.constructs.Construct;

/** The whole cloud stack of Glassbox, as one Terraform configuration. */
public final class GlassboxStack extends TerraformStack {
    /**
     * The provider line whose schema the stack is checked against (ProviderSchemaTest, 6.66); the
     * exact version and its hashes are in {@code cdktf/.terraform.lock.hcl}, which deploys init with.
     */
    public static final String PROVIDER_VERSION = "~> 6.66";

    private final int alarms;

    public GlassboxStack(Construct scope, String id, InfraSettings settings) {
        super(scope, id);
        addOverride("terraform.required_providers.aws", Map.of("source", "hashicorp/aws", "version",
                PROVIDER_VERSION));
        addOverride("provider.aws", Map.of("region", settings.region(),
                "default_tags", Map.of("tags", Map.of("project", "glassbox", "stack", settings.prefix()))));
        addOverride("data.aws_caller_identity.current", Map.of());
        addOverride("data.aws_region.current", Map.of());
        backend(settings);

        Storage.Buckets buckets = Storage.create(this, settings);
        Knowledge.Base knowledge = Knowledge.create(this, settings, buckets.knowledge());
        Guardrail.Versioned guardrail = Guardrail.create(this, settings);
        Resource agentAlias = settings.agentMode() == InfraSettings.AgentMode.BEDROCK_AGENT
                ? Agent.create(this, settings, knowledge, guardrail) : null;
        Resource table = StateTable.create(this, settings);
        WebSocketApi.Endpoint endpoint = WebSocketApi.create(this, settings);
        Site.Distribution site = Site.create(this, settings, buckets.site(), endpoint);
        Functions.Aliases functions = Functions.create(this, settings, table, endpoint,
                new Functions.Backend(agentAlias, knowledge.knowledgeBase(), guardrail), site.origin());
        WebSocketApi.routeTo(this, endpoint, functions.handler());
        alarms = Monitoring.create(this, settings, functions, endpoint);

        output("site_url", site.origin());
        output("websocket_url", endpoint.stage().ref("invoke_url"));
        output("knowledge_base_id", knowledge.knowledgeBase().id());
        output("data_source_id", knowledge.dataSource().ref("data_source_id"));
        output("knowledge_bucket", buckets.knowledge().id());
        output("site_bucket", buckets.site().id());
        output("distribution_id", site.distribution().id());
        output("table_name", table.ref("name"));
    }

    /** How many CloudWatch alarms the stack has, which the idle cost depends on. */
    public int alarms() {
        return alarms;
    }

    private void backend(InfraSettings settings) {
        if (settings.stateBucket() == null) { // only when GLASSBOX_LOCAL_STATE=true asked for it
            new LocalBackend(this, LocalBackendConfig.builder().path("terraform.glassbox.tfstate").build());
            return;
        }
        new S3Backend(this, S3BackendConfig.builder()
                .bucket(settings.stateBucket())
                .key(settings.stateKey())
                .region(settings.region())
                .encrypt(true)
                .build());
        // Terraform 1.10+ locks with a lock file in the bucket; cdktf 0.19 predates the setting.
        addOverride("terraform.backend.s3.use_lockfile", true);
    }

    private void output(String name, String value) {
        new TerraformOutput(this, name, TerraformOutputConfig.builder().value(value).build());
    }
}
