#!/usr/bin/env bash
# Prints the size of the release WASM (after wasm-opt): raw, gzip and brotli.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$HOME/.cache/slaboard-target}"
wasm=""
for candidate in "$target"/site/pkg/*.wasm "$ROOT"/target/site/pkg/*.wasm; do
  [ -f "$candidate" ] && { wasm="$candidate"; break; }
done
[ -n "$wasm" ] || { echo "no release WASM found: run cargo leptos build --release" >&2; exit 1; }
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
br=$(brotli -q 11 -c "$wasm" | wc -c)
echo "release wasm $(basename "$wasm"): raw $raw B ($((raw / 1024)) KiB), gzip $gz B ($((gz / 1024)) KiB), brotli $br B ($((br / 1024)) KiB)"
