#!/usr/bin/env bash
# Publishes the page to the site bucket: client/ as it is, the Markdown modules from the server's
# WebJars under vendor/, and a fresh config.json pointing at the deployed WebSocket; then tells
# CloudFront to drop its copies. Usage: publish-site.sh STACK_DIR (where terraform has the outputs)
set -euo pipefail
stack="$1"
out() { terraform -chdir="$stack" output -raw "$1"; }
bucket="$(out site_bucket)"
distribution="$(out distribution_id)"
websocket="$(out websocket_url)"

site="$(mktemp -d)"
cp -r client/. "$site/"
rm -rf "$site/test" "$site/package.json" "$site/pom.xml"
mkdir -p "$site/vendor"
unzip -p server/target/glassbox-server.jar 'META-INF/resources/webjars/marked/*/lib/marked.esm.js' > "$site/vendor/marked.js"
unzip -p server/target/glassbox-server.jar 'META-INF/resources/webjars/dompurify/*/dist/purify.es.mjs' > "$site/vendor/purify.js"
printf '{"webSocketUrl":"%s"}' "$websocket" > "$site/config.json"

# Pages and modules revalidate every time, so a release shows at once; config.json is never cached.
aws s3 sync "$site/" "s3://$bucket/" --delete --exclude config.json --cache-control "public, max-age=0, must-revalidate"
aws s3 cp "$site/config.json" "s3://$bucket/config.json" --content-type application/json --cache-control no-cache
aws cloudfront create-invalidation --distribution-id "$distribution" --paths "/*" > /dev/null
echo "Published the page to s3://$bucket and invalidated CloudFront $distribution"
