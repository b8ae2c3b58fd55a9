package dev.glassbox.infra.parts;

import com.hashicorp.cdktf.AssetType;
import com.hashicorp.cdktf.TerraformAsset;
import com.hashicorp.cdktf.TerraformAssetConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import software.constructs.Construct;

/**
 * The Lambda jar as the functions' code: copied into the synthesized stack (so the configuration
 * names a path inside itself, not one of the machine that synthesized it) with its SHA-256, so
 * that every apply after a code change publishes the new code.
 *
 * @param filename the jar's path relative to the stack's folder
 * @param sha256 base64 of the jar's SHA-256, as Lambda reports {@code CodeSha256}
 */
record LambdaCode(String filename, String sha256) {

    static LambdaCode of(Construct scope, Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("The Lambda jar " + jar.toAbsolutePath() + " does not exist: build it "
                    + "first (mvn -B -DskipTests package) or point GLASSBOX_LAMBDA_JAR at it");
        }
        TerraformAsset asset = new TerraformAsset(scope, "lambda_jar", TerraformAssetConfig.builder()
                .path(jar.toAbsolutePath().normalize().toString())
                .type(AssetType.FILE)
                .build());
        return new LambdaCode(asset.getPath(), sha256(jar));
    }

    static String sha256(Path file) {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return Base64.getEncoder().encodeToString(in.getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
