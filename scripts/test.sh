#!/usr/bin/env bash
# Runs every test of SLA Board: format and lint per crate and feature set,
# unit and property tests, server tests over HTTP on SQLite and PostgreSQL,
# the SLA benchmark, and browser tests in Debian's Chromium against a release
# build. Installs what is missing first.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started=$SECONDS
step() { log "[$((SECONDS - started))s] $*"; }

ensure_rust_tools
ensure_browser
ensure_postgres
ensure_mail_servers
ensure_moto
apt_install brotli

step "cargo fmt --check"
cargo fmt --all -- --check

# Never one build with both ssr and hydrate: each crate with its own features.
step "clippy: domain (native and wasm32); UI without features, with ssr, with hydrate (wasm32)"
cargo clippy -q -p slaboard-domain --all-targets -- -D warnings
cargo clippy -q -p slaboard-domain --lib --target wasm32-unknown-unknown -- -D warnings
cargo clippy -q -p app --lib --tests --benches -- -D warnings
cargo clippy -q -p app --features ssr --lib --tests -- -D warnings
cargo clippy -q -p app --features hydrate --lib --target wasm32-unknown-unknown -- -D warnings
step "clippy: server and frontend"
cargo clippy -q -p slaboard --all-targets -- -D warnings
cargo clippy -q -p frontend --target wasm32-unknown-unknown -- -D warnings

step "unit and property tests (domain; app with ssr)"
cargo test -q -p slaboard-domain
cargo test -q -p app --features ssr --lib

# The browser counts down with the same engine compiled to wasm32: the same
# vectors must give the same lines in node as natively. No -q for wasm32:
# cargo passes --quiet to wasm-bindgen-test-runner, which rejects it.
step "layer arrows; SLA test vectors: native and wasm32 (node) must agree"
cargo test -q -p app --test sla_vectors --test layers
wasm-bindgen-test-runner --version | grep -q " $(wasm_bindgen_version)\$" \
  || { echo "wasm-bindgen-test-runner must be $(wasm_bindgen_version) (cargo install wasm-bindgen-cli)" >&2; exit 1; }
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test -p app --test sla_vectors --target wasm32-unknown-unknown

# Each server test gets its own fresh database on both backends; the
# PostgreSQL ones are created under this admin URL and dropped afterwards.
# The attachment tests start moto (SLABOARD_MOTO_SERVER, from ensure_moto)
# as their S3-compatible storage.
export SLABOARD_TEST_PG="${SLABOARD_TEST_PG:-postgres://postgres@127.0.0.1:5432/postgres}"
step "server tests over HTTP on SQLite and PostgreSQL"
cargo test -q -p slaboard

step "SLA benchmark (criterion)"
cargo bench -q -p app --bench sla_deadline -- --warm-up-time 1 --measurement-time 3

step "cargo leptos build --release"
cargo leptos build --release
bash bench/wasm-size.sh

step "browser tests (Playwright, Debian Chromium)"
site_root="$CARGO_TARGET_DIR/site"
[ -d "$site_root" ] || site_root="$ROOT/target/site"
# Served as the demo serves it: precompressed (the transport tests check it).
bash scripts/precompress.sh "$site_root" >/dev/null
data_dir="$(mktemp -d)"
log_file="$data_dir/server.log"
"$CARGO_TARGET_DIR/release/slaboard" --demo --data-dir "$data_dir" --listen 127.0.0.1:0 \
  --site-root "$site_root" >"$log_file" 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true; rm -rf "$data_dir"' EXIT
url=""
for _ in $(seq 1 100); do
  url="$(grep -o 'http://[0-9.:]*' "$log_file" | head -1 || true)"
  [ -n "$url" ] && break
  kill -0 $server_pid 2>/dev/null || { cat "$log_file"; exit 1; }
  sleep 0.2
done
[ -n "$url" ] || { echo "server did not start"; cat "$log_file"; exit 1; }
# The live board's tests start, stop and restart servers of their own.
(cd end2end && BASE_URL="$url" SLABOARD_BIN="$CARGO_TARGET_DIR/release/slaboard" SLABOARD_SITE_ROOT="$site_root" \
  npx playwright test)
kill -TERM $server_pid
wait $server_pid || { echo "server did not shut down cleanly"; cat "$log_file"; exit 1; }
grep -q "shutting down" "$log_file"
step "all tests passed"
