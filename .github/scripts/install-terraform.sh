#!/usr/bin/env bash
# Installs the Terraform CLI this project pins, refusing a download whose SHA-256 is not the one
# HashiCorp published for that release (pinned here, so a changed file on the server cannot pass).
# Usage: install-terraform.sh [DIR]   (default ~/.local/bin; on GitHub Actions DIR joins the PATH)
set -euo pipefail
version=1.11.4
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) platform=linux_amd64; expected=1ce994251c00281d6845f0f268637ba50c0005657eb3cf096b92f753b42ef4dc ;;
  Linux-aarch64) platform=linux_arm64; expected=a43d1d0da9b9bab214a8305a39db0e40869572594ccf50c416a7756499143633 ;;
  *) echo "install-terraform: no pinned checksum for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
dir="${1:-$HOME/.local/bin}"
mkdir -p "$dir"
zip="$(mktemp)"
trap 'rm -f "$zip"' EXIT
curl -fsSL -o "$zip" "https://releases.hashicorp.com/terraform/${version}/terraform_${version}_${platform}.zip"
echo "$expected  $zip" | sha256sum -c --quiet - || { echo "install-terraform: checksum mismatch, refusing it" >&2; exit 1; }
unzip -o -q "$zip" terraform -d "$dir"
if [ -n "${GITHUB_PATH:-}" ]; then
  echo "$dir" >> "$GITHUB_PATH"
fi
"$dir/terraform" version
