#!/usr/bin/env bash
# Prints the size of the release WASM (after wasm-opt): raw, gzip and brotli.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
target="${CARGO_TARGET_DIR:-$HOME/.cache/slaboard-target}"
wasm="$(ls "$target"/site/pkg/*.wasm "$ROOT"/target/site/pkg/*.wasm 2>/dev/null | head -1)"
[ -n "$wasm" ] || { echo "no release WASM found: run cargo leptos build --release" >&2; exit 1; }
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
br=$(brotli -q 11 -c "$wasm" | wc -c)
printf 'release wasm %s: raw %d B (%.0f KiB), gzip %d B (%.0f KiB), brotli %d B (%.0f KiB)\n' \
  "$(basename "$wasm")" "$raw" "$((raw / 1024))" "$gz" "$((gz / 1024))" "$br" "$((br / 1024))"
