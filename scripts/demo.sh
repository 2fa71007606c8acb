#!/usr/bin/env bash
# Builds SLA Board and runs it on an embedded SQLite file with demo data.
# Installs what is missing first (wasm target, cargo-leptos, wasm-bindgen, wasm-opt).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
ensure_rust_tools
log "cargo leptos build --release"
cargo leptos build --release
export LEPTOS_SITE_ROOT="$CARGO_TARGET_DIR/site"
[ -d "$LEPTOS_SITE_ROOT" ] || export LEPTOS_SITE_ROOT="$ROOT/target/site"
# The WASM, JS and CSS go out precompressed (brotli, gzip).
apt_install brotli
bash "$ROOT/scripts/precompress.sh" "$LEPTOS_SITE_ROOT" >/dev/null
# The demo shows the WIP warning: four demo tickets are in progress.
export SLABOARD_WIP_LIMITS="${SLABOARD_WIP_LIMITS:-in_progress=3,sprint=6}"
exec "$CARGO_TARGET_DIR/release/slaboard" --demo --data-dir "${SLABOARD_DATA_DIR:-$ROOT/data}" "$@"
