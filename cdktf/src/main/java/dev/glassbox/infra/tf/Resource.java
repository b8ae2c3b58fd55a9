package dev.glassbox.infra.tf;

import com.hashicorp.cdktf.TerraformResource;
import com.hashicorp.cdktf.TerraformResourceConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * One Terraform resource of any type, over cdktf's generic {@link TerraformResource}: we write the
 * attributes Terraform expects ourselves instead of depending on the stale prebuilt AWS bindings.
 * Its logical id is its name, so references read like hand-written Terraform.
 */
public final class Resource {
    private final TerraformResource resource;
    private final String address;

    private Resource(TerraformResource resource, String address) {
        this.resource = resource;
        this.address = address;
    }

    /** A resource {@code type.name} with the given attributes; nested blocks are maps or lists of maps. */
    public static Resource of(Construct scope, String type, String name, Map<String, ?> attributes) {
        TerraformResource resource = new TerraformResource(scope, type + "." + name, TerraformResourceConfig.builder()
                .terraformResourceType(type)
                .build());
        resource.overrideLogicalId(name);
        attributes.forEach(resource::addOverride);
        return new Resource(resource, type + "." + name);
    }

    /** An interpolation of one of this resource's attributes, e.g. {@code ${aws_s3_bucket.site.arn}}. */
    public String ref(String attribute) {
        return "${" + address + "." + attribute + "}";
    }

    public String arn() {
        return ref("arn");
    }

    public String id() {
        return ref("id");
    }

    /** Sets one more attribute or block (Map.of holds ten entries at most). */
    public Resource set(String attribute, Object value) {
        resource.addOverride(attribute, value);
        return this;
    }

    /** Makes this resource wait for others Terraform cannot see it depends on. */
    public Resource dependsOn(Resource... others) {
        List<String> addresses = Arrays.stream(others).map(r -> r.address).toList();
        resource.addOverride("depends_on", addresses);
        return this;
    }
}
