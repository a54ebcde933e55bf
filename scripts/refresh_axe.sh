#!/usr/bin/env bash
# Refresh tests/vendor/axe.min.js from the npm registry: scripts/refresh_axe.sh 4.14.1
set -euo pipefail
version=${1:?usage: scripts/refresh_axe.sh VERSION}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@$version" >/dev/null && tar xzf "axe-core-$version.tgz")
head -c 200 "$work/package/axe.min.js" | grep -q "axe v$version" || { echo "not axe $version" >&2; exit 1; }
cp "$work/package/axe.min.js" tests/vendor/axe.min.js
sed -i "s/axe-core [0-9][0-9.]*/axe-core $version/" tests/vendor/README.md
echo "tests/vendor/axe.min.js is axe-core $version"
