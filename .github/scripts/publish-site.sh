#!/usr/bin/env bash
# Publishes the page to the site bucket: client/ as it is and the Markdown modules from the server's
# WebJars under vendor/; then tells CloudFront to drop its copies. config.json (the WebSocket URL,
# the repository link and where sources open) is the stack's own: Terraform writes it, this script
# leaves it alone. Usage: publish-site.sh STACK_DIR (where terraform has the outputs)
set -euo pipefail
stack="$1"
out() { terraform -chdir="$stack" output -raw "$1"; }
bucket="$(out site_bucket)"
distribution="$(out distribution_id)"

site="$(mktemp -d)"
cp -r client/. "$site/"
rm -rf "$site/test" "$site/package.json" "$site/pom.xml" "$site/config.json"
mkdir -p "$site/vendor"
unzip -p server/target/glassbox-server.jar 'META-INF/resources/webjars/marked/*/lib/marked.esm.js' > "$site/vendor/marked.js"
unzip -p server/target/glassbox-server.jar 'META-INF/resources/webjars/dompurify/*/dist/purify.es.mjs' > "$site/vendor/purify.js"

# Pages and modules revalidate every time, so a release shows at once; --delete spares the stack's config.json.
aws s3 sync "$site/" "s3://$bucket/" --delete --exclude config.json --cache-control "public, max-age=0, must-revalidate"
aws cloudfront create-invalidation --distribution-id "$distribution" --paths "/*" > /dev/null
echo "Published the page to s3://$bucket and invalidated CloudFront $distribution"
