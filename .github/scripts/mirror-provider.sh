#!/usr/bin/env bash
# Puts the AWS provider that cdktf/.terraform.lock.hcl pins into a plugin mirror (DIR), checked
# against the lock file's hashes, so TerraformValidateTest validates every variant offline.
# Without a committed lock file it generates one for the platforms deploys run on, leaves it in
# cdktf.out/stacks/glassbox/.terraform.lock.hcl (CI uploads it) and fails: commit it as
# cdktf/.terraform.lock.hcl, so that every later init verifies the provider it downloads.
# Usage: mirror-provider.sh DIR   (needs terraform, and the Lambda and cdktf jars built or buildable)
set -euo pipefail
mirror="$1"
./mvnw -B -q -DskipTests -pl ws-lambda,cdktf -am package
java -jar cdktf/target/glassbox-cdktf.jar --out cdktf.out
stack=cdktf.out/stacks/glassbox
if [ ! -f cdktf/.terraform.lock.hcl ]; then
  terraform -chdir="$stack" providers lock -platform=linux_amd64 -platform=linux_arm64 \
    -platform=darwin_amd64 -platform=darwin_arm64
  echo "::error::cdktf/.terraform.lock.hcl is not committed: download the terraform-lock-file artifact of this run, review it and commit it as cdktf/.terraform.lock.hcl"
  exit 1
fi
cp cdktf/.terraform.lock.hcl "$stack/.terraform.lock.hcl"
terraform -chdir="$stack" providers mirror -platform=linux_amd64 "$mirror"
