#!/usr/bin/env bash
# Makes the deployed knowledge base hold knowledge/ as committed: uploads what changed, deletes
# what was removed, and starts an ingestion job and follows it to the end when anything changed.
# Usage: sync-knowledge.sh STACK_DIR (where terraform has been initialized with the stack's state)
# Before the stack's first deploy there is nothing to sync into: it says so and succeeds, and the
# first deploy syncs after its apply.
set -euo pipefail
stack="$1"
if ! terraform -chdir="$stack" output -raw knowledge_base_id > /dev/null 2>&1; then
  echo "The stack is not deployed yet (no knowledge_base_id output): nothing to sync. The first deploy syncs knowledge/ after it creates the knowledge base."
  exit 0
fi
out() { terraform -chdir="$stack" output -raw "$1"; }
java -cp cdktf/target/glassbox-cdktf.jar dev.glassbox.infra.sync.KnowledgeSync --dir knowledge \
  --bucket "$(out knowledge_bucket)" --prefix knowledge/ \
  --knowledge-base "$(out knowledge_base_id)" --data-source "$(out data_source_id)"
