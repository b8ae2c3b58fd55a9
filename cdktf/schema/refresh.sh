#!/usr/bin/env bash
# Regenerates cdktf/provider-schema.json from the generated bindings of @cdktn/provider-aws (the AWS
# provider's schema as CDK Terrain generates it). Run it when the stack uses a new resource type (name
# it: refresh.sh aws_new_type) or when moving to a newer provider; then commit the file together with
# the matching cdktf/.terraform.lock.hcl. Needs node and npm. Usage: refresh.sh [extra types...]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
version="${GLASSBOX_PROVIDER_BINDINGS:-25.7.0}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "@cdktn/provider-aws@$version" > /dev/null && tar xzf cdktn-provider-aws-*.tgz)
node "$here/extract.mjs" "$work/package" "$here/../provider-schema.json" "$@"
