package dev.glassbox.infra.parts;

import dev.glassbox.infra.InfraSettings;
import dev.glassbox.infra.tf.Policy;
import dev.glassbox.infra.tf.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.constructs.Construct;

/**
 * The page, from the private site bucket through CloudFront with origin access control, a strict
 * Content-Security-Policy whose {@code connect-src} names the WebSocket endpoint, and a
 * {@code config.json} that points the page at it.
 */
public final class Site {
    /** AWS's managed "CachingOptimized" cache policy. */
    static final String CACHING_OPTIMIZED = "658327ea-f89d-4fab-a63d-7e88639e58f6";
    private static final String ORIGIN = "site";

    public record Distribution(Resource distribution, String origin) {
    }

    private Site() {
    }

    /** The CSP of the page in the cloud: the same as the local server's, with the WebSocket API named. */
    public static String contentSecurityPolicy(String webSocketEndpoint) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' "
                + webSocketEndpoint + "; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /**
     * The page's config.json: the WebSocket it connects to and, when configured, the repository it
     * links to and where cited knowledge files open. This stack is its only writer.
     */
    static Map<String, String> pageConfig(InfraSettings settings, String webSocketUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("webSocketUrl", webSocketUrl);
        if (settings.pageRepositoryUrl() != null) {
            config.put("repositoryUrl", settings.pageRepositoryUrl());
        }
        if (settings.pageSourcesUrl() != null) {
            config.put("sourcesBaseUrl", settings.pageSourcesUrl());
        }
        return config;
    }

    public static Distribution create(Construct scope, InfraSettings settings, Resource bucket,
                                      WebSocketApi.Endpoint endpoint) {
        Resource accessControl = Resource.of(scope, "aws_cloudfront_origin_access_control", "site", Map.of(
                "name", settings.prefix() + "-site",
                "origin_access_control_origin_type", "s3",
                "signing_behavior", "always",
                "signing_protocol", "sigv4"));
        Resource headers = Resource.of(scope, "aws_cloudfront_response_headers_policy", "site", Map.of(
                "name", settings.prefix() + "-site-headers",
                "security_headers_config", Map.of(
                        "content_security_policy", Map.of("override", true, "content_security_policy",
                                contentSecurityPolicy(endpoint.api().ref("api_endpoint"))),
                        "strict_transport_security", Map.of("override", true, "access_control_max_age_sec",
                                63_072_000, "include_subdomains", true, "preload", true),
                        "frame_options", Map.of("override", true, "frame_option", "DENY"),
                        "content_type_options", Map.of("override", true),
                        "referrer_policy", Map.of("override", true, "referrer_policy", "no-referrer"))));
        Map<String, Object> certificate = settings.domainName() == null
                ? Map.of("cloudfront_default_certificate", true)
                : Map.of("acm_certificate_arn", settings.certificateArn(), "ssl_support_method", "sni-only",
                        "minimum_protocol_version", "TLSv1.2_2021");
        Resource distribution = Resource.of(scope, "aws_cloudfront_distribution", "site", Map.of(
                "enabled", true,
                "comment", "Glassbox",
                "default_root_object", "index.html",
                "price_class", "PriceClass_100",
                "origin", List.of(Map.of(
                        "origin_id", ORIGIN,
                        "domain_name", bucket.ref("bucket_regional_domain_name"),
                        "origin_access_control_id", accessControl.id())),
                "default_cache_behavior", Map.of(
                        "target_origin_id", ORIGIN,
                        "viewer_protocol_policy", "redirect-to-https",
                        "allowed_methods", List.of("GET", "HEAD"),
                        "cached_methods", List.of("GET", "HEAD"),
                        "compress", true,
                        "cache_policy_id", CACHING_OPTIMIZED,
                        "response_headers_policy_id", headers.id()),
                "restrictions", Map.of("geo_restriction", Map.of("restriction_type", "none")),
                "viewer_certificate", certificate));
        if (settings.domainName() != null) {
            distribution.set("aliases", List.of(settings.domainName()));
        }
        Resource.of(scope, "aws_s3_bucket_policy", "site", Map.of(
                "bucket", bucket.id(),
                "policy", Policy.write(Map.of("Version", "2012-10-17", "Statement", List.of(Map.of(
                        "Sid", "CloudFrontReadsTheSite",
                        "Effect", "Allow",
                        "Principal", Map.of("Service", "cloudfront.amazonaws.com"),
                        "Action", "s3:GetObject",
                        "Resource", bucket.arn() + "/*",
                        "Condition", Map.of("StringEquals", Map.of("AWS:SourceArn", distribution.arn()))))))));
        Resource.of(scope, "aws_s3_object", "config", Map.of(
                "bucket", bucket.id(),
                "key", "config.json",
                "content", Policy.write(pageConfig(settings, endpoint.stage().ref("invoke_url"))),
                "content_type", "application/json",
                "cache_control", "no-cache"));
        String origin = settings.domainName() != null ? "https://" + settings.domainName()
                : "https://" + distribution.ref("domain_name");
        return new Distribution(distribution, origin);
    }
}
